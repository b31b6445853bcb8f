package dev.ukl.kernel;

import dev.ukl.UklException;
import dev.ukl.util.Hashing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kernel patch series: {@code kernel/patches/series} naming {@code git format-patch} files in order. */
public final class PatchSeries {
    private final Path dir;

    public PatchSeries(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The patch files in order; a missing series file is an empty series. */
    public List<Path> patches() {
        Path series = dir.resolve("series");
        List<Path> out = new ArrayList<>();
        if (!Files.exists(series)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(series)) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                Path p = dir.resolve(name);
                if (!Files.isRegularFile(p)) {
                    throw new UklException(series + " names " + name + ", which does not exist");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new UklException("cannot read " + series + ": " + e.getMessage());
        }
        return out;
    }

    /** A digest of the series file and every patch it names, to tell whether a tree is current. */
    public String digest() {
        Hashing h = new Hashing();
        for (Path p : patches()) {
            h.add(p.getFileName().toString()).addFile(p);
        }
        return h.hex();
    }
}
