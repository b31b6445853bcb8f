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
