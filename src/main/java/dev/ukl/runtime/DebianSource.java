package dev.ukl.runtime;

import dev.ukl.UklException;
import dev.ukl.env.SourceEntries;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Fetches and unpacks a Debian source package with apt-get source, once. */
public final class DebianSource {
    private final Path parent;
    private final Path logs;

    public DebianSource(Path parent, Path logs) {
        this.parent = parent;
        this.logs = logs;
    }

    /**
     * The unpacked tree of {@code pkg} (its directory starts with {@code dirPrefix}), fetched with
     * {@code apt-get source} into the parent directory if it is not there yet.
     */
    public Path unpacked(String pkg, String dirPrefix, PrintWriter out) {
        Path found = find(dirPrefix);
        if (found != null) {
            return found;
        }
        new SourceEntries().ensure(out, logs);
        try {
            Files.createDirectories(parent);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UklException("cannot create " + parent + ": " + e.getMessage());
        }
        out.println("fetching the Debian source package " + pkg + " (apt-get source)");
        Path log = logs.resolve("apt-get-source-" + pkg + ".log");
        int rc = Proc.stream(parent, List.of("apt-get", "source", "-q", pkg), Map.of(), log, l -> { });
        found = find(dirPrefix);
        if (rc != 0 || found == null) {
            throw new UklException("apt-get source " + pkg + " failed", log, Proc.tail(log, 15));
        }
        return found;
    }

    /**
     * One file of the upstream tarball of {@code pkg} ({@code member}, its path inside the tarball's
     * top directory), copied to {@code dest} once: the package is fetched with {@code apt-get source
     * --download-only} and only that file is read out of it.
     */
    public Path member(String pkg, String member, Path dest, PrintWriter out) {
        if (Files.isRegularFile(dest)) {
            return dest;
        }
        new SourceEntries().ensure(out, logs);
        try {
            Files.createDirectories(parent);
            Files.createDirectories(logs);
            Files.createDirectories(dest.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + parent + ": " + e.getMessage());
        }
        Path log = logs.resolve("apt-get-source-" + pkg + ".log");
        Path tarball = orig(pkg);
        if (tarball == null) {
            out.println("fetching the Debian source package " + pkg + " (apt-get source --download-only)");
            out.flush();
            int rc = Proc.stream(parent, List.of("apt-get", "source", "-q", "--download-only", pkg), Map.of(), log,
                    l -> { });
            tarball = orig(pkg);
            if (rc != 0 || tarball == null) {
                throw new UklException("apt-get source " + pkg + " failed", log, Proc.tail(log, 15));
            }
        }
        Path tmp = dest.resolveSibling(dest.getFileName() + ".tmp");
        Proc.Result r = Proc.run(parent, List.of("sh", "-c", "tar -xOf \"$1\" --wildcards \"*/$2\" > \"$3\"",
                "tar", tarball.toString(), member, tmp.toString()));
        try {
            if (!r.ok() || Files.size(tmp) == 0) {
                Files.deleteIfExists(tmp);
                throw new UklException(member + " is not in " + tarball + (r.output().isBlank() ? ""
                        : ": " + r.output().strip()));
            }
            Files.move(tmp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UklException("cannot write " + dest + ": " + e.getMessage(), e);
        }
        return dest;
    }

    /** The upstream tarball of pkg in the parent directory, or null. */
    private Path orig(String pkg) {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(pkg)
                    + "_[^_]+\\.orig\\.tar\\.[a-z0-9]+")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private Path find(String dirPrefix) {
        if (!Files.isDirectory(parent)) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(dirPrefix))
                    .filter(p -> Files.exists(p.resolve("debian")))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
