package dev.ukl.image;

import dev.ukl.UklException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * An initramfs described as data (paths to contents), written as a gzip-compressed newc
 * cpio. Entries are written in path order with parents first, so the same description
 * always yields the same bytes.
 */
public final class Initramfs {
    private sealed interface Node permits Dir, File, Link, CharDev {
    }

    private record Dir(int perm) implements Node {
    }

    private record File(int perm, byte[] data) implements Node {
    }

    private record Link(String target) implements Node {
    }

    private record CharDev(int perm, int major, int minor) implements Node {
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    public Initramfs dir(String path) {
        String p = clean(path);
        parents(p);
        nodes.putIfAbsent(p, new Dir(0755));
        return this;
    }

    public Initramfs file(String path, int perm, byte[] data) {
        String p = clean(path);
        parents(p);
        nodes.put(p, new File(perm, data.clone()));
        return this;
    }

    public Initramfs text(String path, int perm, String text) {
        return file(path, perm, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a host file, keeping whether it is executable. */
    public Initramfs copy(String path, Path host) {
        try {
            return file(path, Files.isExecutable(host) ? 0755 : 0644, Files.readAllBytes(host));
        } catch (IOException e) {
            throw new UklException("cannot read " + host + " for the initramfs: " + e.getMessage());
        }
    }

    public Initramfs symlink(String path, String target) {
        String p = clean(path);
        parents(p);
        nodes.put(p, new Link(target));
        return this;
    }

    public Initramfs charDevice(String path, int perm, int major, int minor) {
        String p = clean(path);
        parents(p);
        nodes.put(p, new CharDev(perm, major, minor));
        return this;
    }

    public List<String> paths() {
        return new ArrayList<>(nodes.keySet());
    }

    /** Writes the uncompressed cpio archive. */
    public void writeCpio(OutputStream sink) throws IOException {
        try (CpioWriter w = new CpioWriter(sink)) {
            for (var e : nodes.entrySet()) {
                String path = e.getKey();
                Node n = e.getValue();
                if (n instanceof Dir d) {
                    w.directory(path, d.perm());
                } else if (n instanceof File f) {
                    w.file(path, f.perm(), f.data());
                } else if (n instanceof Link l) {
                    w.symlink(path, l.target());
                } else if (n instanceof CharDev c) {
                    w.charDevice(path, c.perm(), c.major(), c.minor());
                }
            }
        }
    }

    /** Writes the gzip-compressed archive to a file (the form the kernel's initrd takes). */
    public void writeGzip(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(tmp), 65536)) {
                writeCpio(os);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UklException("cannot write initramfs " + target + ": " + e.getMessage());
        }
    }

    private void parents(String p) {
        int i = p.lastIndexOf('/');
        if (i > 0) {
            String parent = p.substring(0, i);
            if (!nodes.containsKey(parent)) {
                parents(parent);
                nodes.put(parent, new Dir(0755));
            }
        }
    }

    private static String clean(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty() || p.contains("..") || p.endsWith("/")) {
            throw new IllegalArgumentException("bad initramfs path: " + path);
        }
        return p;
    }
}
