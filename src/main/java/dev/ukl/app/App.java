package dev.ukl.app;

import dev.ukl.UklException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An app: a directory of C and assembly sources, with an optional descriptor
 * {@code ukl.properties} (name, port, cflags, args).
 */
public record App(Path dir, String name, List<Path> sources, int port, List<String> cflags, List<String> args) {
    public static final String DESCRIPTOR = "ukl.properties";

    public static App load(Path dir) {
        if (!Files.exists(dir)) {
            throw new UklException("app " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new UklException("app " + dir + " is not a directory of sources");
        }
        Path abs = dir.toAbsolutePath().normalize();
        Properties p = new Properties();
        Path desc = abs.resolve(DESCRIPTOR);
        if (Files.exists(desc)) {
            try (Reader r = Files.newBufferedReader(desc)) {
                p.load(r);
            } catch (IOException e) {
                throw new UklException("cannot read " + desc + ": " + e.getMessage());
            }
        }
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(abs)) {
            s.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".c") || n.endsWith(".S");
            }).sorted().forEach(sources::add);
        } catch (IOException e) {
            throw new UklException("cannot list " + abs + ": " + e.getMessage());
        }
        if (sources.isEmpty()) {
            throw new UklException("app " + dir + " has no .c or .S sources");
        }
        String name = p.getProperty("name", abs.getFileName().toString()).strip();
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new UklException(desc + ": bad app name '" + name + "'");
        }
        int port;
        try {
            port = Integer.parseInt(p.getProperty("port", "0").strip());
        } catch (NumberFormatException e) {
            throw new UklException(desc + ": port must be a number");
        }
        return new App(abs, name, sources, port, words(p.getProperty("cflags", "")), words(p.getProperty("args", "")));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }
}
