package dev.ukl.image;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import net.fornwall.jelf.ElfFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's initramfs: busybox-static as the userspace, ukl's init, the qemu-exit helper,
 * whatever programs a job needs, and the job script itself.
 */
public final class GuestImage {
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    private final Initramfs fs = new Initramfs();

    public GuestImage(Path qemuExit) {
        if (!Files.isRegularFile(BUSYBOX)) {
            throw new UklException(BUSYBOX + " not found; install it with: apt-get install -y busybox-static");
        }
        fs.copy("bin/busybox", BUSYBOX);
        fs.text("init", 0755, resource("init.sh"));
        fs.copy("bin/qemu-exit", qemuExit);
        skeleton();
        fs.text("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        fs.text("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n");
    }

    private GuestImage() {
        skeleton();
    }

    /**
     * An initramfs with nothing but the directories and device nodes the kernel itself needs (the
     * console init's descriptors open): for a UKL app as init that runs no other program. The
     * kernel takes the app's exec name before it opens any file, and the app's files come with
     * the launch's volumes.
     */
    public static GuestImage bare() {
        return new GuestImage();
    }

    private void skeleton() {
        for (String d : new String[]{"proc", "sys", "tmp", "dev", "etc/ukl", "root"}) {
            fs.dir(d);
        }
        fs.charDevice("dev/console", 0600, 5, 1);
        fs.charDevice("dev/null", 0666, 1, 3);
    }

    /**
     * A file at the path whose exec starts the UKL app ({@code name}, CONFIG_UKL_NAME). A UKL
     * kernel takes the name before it opens any file, so the file never runs there; it is for
     * the tools that look at a path before they exec it (strace, gdb, perf, a shell's test -x).
     * On a kernel without UKL it runs, says so and fails.
     */
    public GuestImage uklName(String name) {
        fs.text(name.replaceAll("^/+", ""), 0755, """
                #!/bin/sh
                # An exec of this path starts the application linked into a UKL kernel, which
                # takes the name before it opens any file: this file runs only elsewhere.
                echo "$0: this kernel has no UKL application linked in" >&2
                exit 126
                """);
        return this;
    }

    /** Adds a host file at a guest path. */
    public GuestImage add(String guestPath, Path host) {
        fs.copy(guestPath, host);
        return this;
    }

    /**
     * Copies a host file, or a directory with everything under it, to a guest path (absolute or
     * relative to the root). Symbolic links are copied as what they point to; a copy is a copy:
     * what the guest writes there stays in the guest.
     */
    public GuestImage addTree(String guestPath, Path host) {
        String root = guestPath.replaceAll("^/+", "");
        if (Files.isDirectory(host)) {
            try (java.util.stream.Stream<Path> walk = Files.walk(host, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : walk.sorted().toList()) {
                    String rel = host.relativize(p).toString();
                    String target = rel.isEmpty() ? root : root + "/" + rel;
                    if (Files.isDirectory(p)) {
                        fs.dir(target);
                    } else if (Files.isRegularFile(p)) {
                        fs.copy(target, p);
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UklException("cannot copy " + host + " into the guest image: " + e.getMessage());
            }
        } else {
            fs.copy(root, host);
        }
        return this;
    }

    /**
     * Adds a program; a dynamically linked one brings its loader and libraries from the host
     * (the guest has no C library of its own), at the same paths.
     */
    public GuestImage addProgram(String guestPath, Path host) {
        fs.copy(guestPath, host);
        for (Path lib : sharedLibraries(host)) {
            fs.copy(lib.toString().substring(1), lib);
        }
        return this;
    }

    /** The loader and libraries a dynamic program needs, by ldd; none for a static one. */
    static List<Path> sharedLibraries(Path program) {
        List<Path> libs = new ArrayList<>();
        try {
            if (ElfFile.from(program.toFile()).getInterpreter() == null) {
                return libs;
            }
        } catch (IOException | RuntimeException e) {
            return libs;
        }
        Proc.Result r = Proc.run(null, List.of("ldd", program.toString()));
        Matcher m = Pattern.compile("(/\\S+) \\(0x").matcher(r.output());
        while (m.find()) {
            Path lib = Path.of(m.group(1));
            if (Files.isRegularFile(lib)) {
                libs.add(lib);
            }
        }
        return libs;
    }

    /** Sets the shell script init runs; its exit status ends the VM. */
    public GuestImage job(String script) {
        fs.text("etc/ukl/job", 0755, script);
        return this;
    }

    public Initramfs initramfs() {
        return fs;
    }

    public Path write(Path target) {
        fs.writeGzip(target);
        return target;
    }

    private static String resource(String name) {
        try (InputStream in = GuestImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
