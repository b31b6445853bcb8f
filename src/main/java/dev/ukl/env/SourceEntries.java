package dev.ukl.env;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian source-package entries for apt ({@code deb-src}), which {@code apt-get source} needs.
 * When none is configured, one is added: a copy of Debian's own entry file with
 * {@code Types: deb-src}, so sources come from the same mirror and suites as the binaries.
 */
public final class SourceEntries {
    private final Path aptDir;

    public SourceEntries() {
        this(Path.of("/etc/apt"));
    }

    SourceEntries(Path aptDir) {
        this.aptDir = aptDir;
    }

    /** Whether apt has any source-package entry. */
    public boolean present() {
        try (Stream<Path> files = Stream.concat(Stream.of(aptDir.resolve("sources.list")),
                Files.isDirectory(aptDir.resolve("sources.list.d"))
                        ? Files.list(aptDir.resolve("sources.list.d")) : Stream.empty())) {
            return files.filter(Files::isRegularFile).anyMatch(SourceEntries::hasSourceEntry);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean hasSourceEntry(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith("deb-src ") || l.startsWith("Types:") && l.contains("deb-src")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The deb822 text of source entries made from binary ones: each Types line becomes deb-src. */
    static String sourceVersionOf(String deb822) {
        StringBuilder sb = new StringBuilder("# Added by ukl for apt-get source (musl, sqlite3): the same\n"
                + "# mirrors and suites as the binary entries of debian.sources.\n");
        for (String line : deb822.split("\n", -1)) {
            sb.append(line.startsWith("Types:") ? "Types: deb-src" : line).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    /** Adds the source entries if there are none (as root), and updates apt's lists. */
    public void ensure(PrintWriter out, Path logDir) {
        if (present()) {
            return;
        }
        Path debian = aptDir.resolve("sources.list.d/debian.sources");
        Path ours = aptDir.resolve("sources.list.d/ukl-deb-src.sources");
        if (!Files.isRegularFile(debian)) {
            throw new UklException("apt has no deb-src entries and there is no " + debian
                    + " to derive them from; add a deb-src entry for Debian bookworm");
        }
        if (!Doctor.isRoot()) {
            throw new UklException("apt has no deb-src entries; as root, add " + ours
                    + " (a copy of " + debian + " with 'Types: deb-src') and run apt-get update");
        }
        try {
            Files.writeString(ours, sourceVersionOf(Files.readString(debian)));
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UklException("cannot write " + ours + ": " + e.getMessage());
        }
        out.println("apt: added source entries " + ours);
        Path log = logDir.resolve("apt-get-update-src.log");
        int rc = Proc.stream(null, List.of("apt-get", "update", "-q"), Map.of("DEBIAN_FRONTEND", "noninteractive"),
                log, l -> { });
        if (rc != 0) {
            throw new UklException("apt-get update failed after adding source entries", log, Proc.tail(log, 20));
        }
    }
}
