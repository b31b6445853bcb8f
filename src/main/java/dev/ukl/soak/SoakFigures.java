package dev.ukl.soak;

import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The figures of a reliability soak (guest/ukl/soak.sh): the lines it prints as {@code # soak: ...}
 * on the console, without the kernel's timestamps or other output around them.
 */
public final class SoakFigures {
    private static final Pattern FIGURE = Pattern.compile("^\\s*# soak: (.*\\S)\\s*$");

    private SoakFigures() {
    }

    /** The figures, in the order the soak printed them. */
    public static List<String> of(String console) {
        return console.lines().map(FIGURE::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> m.group(1)).toList();
    }

    /** The figures in a saved console log. */
    public static List<String> read(Path log) {
        try {
            return of(Files.readString(log));
        } catch (IOException e) {
            throw new UklException("cannot read the soak's console log " + log + ": " + e.getMessage(), e);
        }
    }
}
