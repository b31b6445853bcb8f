package dev.ukl.kernel;

import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kconfig fragment: {@code CONFIG_X=value} and {@code # CONFIG_X is not set} lines, as
 * {@code merge_config.sh} takes them. Values are kept as written ("n" for not set).
 */
public record ConfigFragment(Path file, Map<String, String> options) {
    private static final Pattern SET = Pattern.compile("(CONFIG_[A-Za-z0-9_]+)=(.*)");
    private static final Pattern UNSET = Pattern.compile("# (CONFIG_[A-Za-z0-9_]+) is not set");

    public static ConfigFragment read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UklException("cannot read config fragment " + file + ": " + e.getMessage());
        }
        return parse(file, lines);
    }

    public static ConfigFragment parse(Path file, List<String> lines) {
        Map<String, String> opts = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            Matcher m;
            if ((m = UNSET.matcher(line)).matches()) {
                opts.put(m.group(1), "n");
            } else if ((m = SET.matcher(line)).matches()) {
                opts.put(m.group(1), m.group(2));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new UklException(file + ":" + n + ": not a config line: " + line);
            }
        }
        return new ConfigFragment(file, opts);
    }

    /** Reads a complete .config (same syntax). */
    public static Map<String, String> readConfig(Path dotConfig) {
        return read(dotConfig).options();
    }
}
