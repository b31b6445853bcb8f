package dev.ukl.app;

import java.util.ArrayList;
import java.util.List;

/**
 * TeaVM's own diagnostics in a Maven log: "[ERROR] Class java.net.Socket was not found" with the
 * "at pkg.Class.method(File.java:N)" lines that follow, without Maven's boilerplate around them.
 */
final class TeaVmProblems {
    private TeaVmProblems() {
    }

    /** One line per problem: the message and where in the app it comes from. */
    static String from(String mavenOutput) {
        List<String> problems = new ArrayList<>();
        String current = null;
        for (String raw : mavenOutput.split("\n")) {
            String line = raw.replaceAll("\u001b\\[[0-9;]*m", "");
            if (line.startsWith("[ERROR] ")) {
                if (current != null) {
                    problems.add(current);
                }
                String text = line.substring(8).strip();
                current = maven(text) ? null : text;
            } else if (current != null && line.strip().startsWith("at ")) {
                current += ", " + line.strip();
            } else if (current != null) {
                problems.add(current);
                current = null;
            }
        }
        if (current != null) {
            problems.add(current);
        }
        return String.join("\n", problems);
    }

    /** Maven's own lines around a failed goal, which say nothing about the app. */
    private static boolean maven(String text) {
        return text.isEmpty() || text.startsWith("Failed to execute goal") || text.startsWith("To see the full")
                || text.startsWith("Re-run Maven") || text.startsWith("For more information")
                || text.startsWith("[Help") || text.startsWith("->");
    }
}
