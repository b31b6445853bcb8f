package dev.ukl.profile;

import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the profiling plugin wrote: for each window tag, how many windows it had and the guest
 * instructions executed at each address inside them.
 */
public record PluginOutput(Map<Integer, Long> windows, Map<Integer, Map<Long, Long>> counts) {
    /** Reads the plugin's file ({@code tag N windows W} lines, then {@code TAG VADDR COUNT} lines). */
    public static PluginOutput read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UklException("cannot read the profile " + file + " (did QEMU load the plugin?): "
                    + e.getMessage(), e);
        }
        Map<Integer, Long> windows = new TreeMap<>();
        Map<Integer, Map<Long, Long>> counts = new TreeMap<>();
        int n = 0;
        for (String l : lines) {
            n++;
            String[] f = l.strip().split("\\s+");
            try {
                if (f.length == 4 && f[0].equals("tag") && f[2].equals("windows")) {
                    windows.put(Integer.parseInt(f[1]), Long.parseLong(f[3]));
                } else if (f.length == 3) {
                    counts.computeIfAbsent(Integer.parseInt(f[0]), k -> new TreeMap<>())
                            .merge(Long.parseUnsignedLong(f[1], 16), Long.parseLong(f[2]), Long::sum);
                } else if (!l.isBlank()) {
                    throw new NumberFormatException("unexpected fields");
                }
            } catch (NumberFormatException e) {
                throw new UklException("the profile " + file + " has a bad line " + n + ": " + l);
            }
        }
        return new PluginOutput(windows, counts);
    }

    /** Instructions counted under the tag. */
    public long total(int tag) {
        return counts.getOrDefault(tag, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
