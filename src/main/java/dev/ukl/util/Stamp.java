package dev.ukl.util;

import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A freshness stamp: a file holding the hash of everything some outputs were made from. The
 * outputs are up to date when they all exist and the stamp holds the same hash; it is written
 * only after they were made, so an interrupted build is never taken for a finished one.
 */
public record Stamp(Path file) {
    /** The stamp beside an output: OUTPUT.stamp. */
    public static Stamp beside(Path output) {
        return new Stamp(output.resolveSibling(output.getFileName() + ".stamp"));
    }

    /** Whether the stamp holds this hash and every output exists. */
    public boolean fresh(String hash, Path... outputs) {
        for (Path o : outputs) {
            if (!Files.exists(o)) {
                return false;
            }
        }
        return hash.equals(read());
    }

    /** The hash the stamp holds, or null. */
    public String read() {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records that the outputs are made from what hashes to this. */
    public void write(String hash) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, hash + "\n");
        } catch (IOException e) {
            throw new UklException("cannot write the stamp " + file + ": " + e.getMessage(), e);
        }
    }
}
