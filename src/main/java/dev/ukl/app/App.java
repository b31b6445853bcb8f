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
 * An app, in one of three forms: a directory of C and assembly sources with an optional
 * descriptor {@code ukl.properties} (name, port, cflags, ldflags for the user program, extra_sources,
 * args, ready, and {@code libc = musl} for sources that use the C library: both forms are then
 * built by {@code ukl cc}); a directory laid out like
 * the seed's sample, whose own Makefile builds {@code UKL.a} and, with its {@code userspace}
 * target, the user program; a prebuilt {@code UKL.a}; or a Java app (a Maven project whose
 * descriptor names its {@code main} class, or a jar with a Main-Class).
 */
public record App(Kind kind, Path dir, String name, List<Path> sources, int port, List<String> cflags,
                  List<String> ldflags, List<String> args, String ready, String main, boolean musl) {
    public static final String DESCRIPTOR = "ukl.properties";

    /** The same app serving on {@code p}: for an app whose layout has no descriptor to say it. */
    public App withPort(int p) {
        return new App(kind, dir, name, sources, p, cflags, ldflags, args, ready, main, musl);
    }

    public enum Kind {
        /** Our own layout: sources, built by ukl. */
        SOURCES,
        /** A directory with a Makefile that builds UKL.a and a userspace target. */
        MAKEFILE,
        /** A prebuilt archive: a UKL app only, without a user-program form. */
        ARCHIVE,
        /** Java: a Maven project (main class in ukl.properties) or a jar with a Main-Class, compiled by TeaVM. */
        JAVA
    }

    public static App load(Path path) {
        if (!Files.exists(path)) {
            throw new UklException("app " + path + " does not exist");
        }
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs) && abs.getFileName().toString().endsWith(".jar")) {
            String file = abs.getFileName().toString();
            return new App(Kind.JAVA, abs, safeName(file.substring(0, file.length() - 4)), List.of(), 0, List.of(),
                    List.of(), List.of(), null, JavaApp.mainClassOf(abs), false);
        }
        if (Files.isRegularFile(abs)) {
            String file = abs.getFileName().toString();
            if (!file.endsWith(".a") && !isArArchive(abs)) {
                throw new UklException("app " + path + " is neither a directory nor an archive (UKL.a, or what "
                        + "'ukl cc' links)");
            }
            // UKL.a is named for its directory; an archive 'ukl cc -o NAME' wrote, for itself
            String base = file.equals("UKL.a")
                    ? (abs.getParent() == null ? "app" : abs.getParent().getFileName().toString())
                    : file.endsWith(".a") ? file.substring(0, file.length() - 2) : file;
            return new App(Kind.ARCHIVE, abs, safeName(base), List.of(), 0, List.of(), List.of(), List.of(), null, null, false);
        }
        Properties p = new Properties();
        Path desc = abs.resolve(DESCRIPTOR);
        if (Files.exists(desc)) {
            try (Reader r = Files.newBufferedReader(desc)) {
                p.load(r);
            } catch (IOException e) {
                throw new UklException("cannot read " + desc + ": " + e.getMessage());
            }
        }
        String name = p.getProperty("name", safeName(abs.getFileName().toString())).strip();
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new UklException(desc + ": bad app name '" + name + "'");
        }
        int port;
        try {
            port = Integer.parseInt(p.getProperty("port", "0").strip());
        } catch (NumberFormatException e) {
            throw new UklException(desc + ": port must be a number");
        }
        List<String> cflags = words(p.getProperty("cflags", ""));
        List<String> ldflags = words(p.getProperty("ldflags", ""));
        List<String> args = words(p.getProperty("args", ""));
        String ready = p.getProperty("ready");
        // A Makefile app: a Makefile and either no descriptor or no sources of its own beside it
        // (the descriptor then gives the port, arguments and ready line; make builds the rest)
        if (Files.isRegularFile(abs.resolve("Makefile")) && (!Files.exists(desc) || !hasSources(abs))) {
            return new App(Kind.MAKEFILE, abs, name, List.of(), port, cflags, ldflags, args, ready, null, false);
        }
        if (Files.isRegularFile(abs.resolve("pom.xml"))) {
            String main = p.getProperty("main");
            if (main == null || main.isBlank()) {
                throw new UklException("Java app " + path + ": name its main class in " + desc
                        + " (main = package.Class)");
            }
            return new App(Kind.JAVA, abs, name, List.of(), port, cflags, ldflags, args, ready, main.strip(), false);
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
        for (String extra : words(p.getProperty("extra_sources", ""))) {
            Path f = abs.resolve(extra).normalize();
            if (!Files.isRegularFile(f)) {
                throw new UklException(desc + ": extra source " + extra + " does not exist");
            }
            sources.add(f);
        }
        if (sources.isEmpty()) {
            throw new UklException("app " + path + " has no .c or .S sources (and no Makefile)");
        }
        String libc = p.getProperty("libc", "").strip();
        if (!libc.isEmpty() && !libc.equals("musl")) {
            throw new UklException(desc + ": libc is musl (the UKL C runtime) or not set (no C library)");
        }
        return new App(Kind.SOURCES, abs, name, sources, port, cflags, ldflags, args, ready, null, libc.equals("musl"));
    }

    /** Whether the file starts with the ar magic, as every app archive does. */
    static boolean isArArchive(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(8), "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static String safeName(String s) {
        String n = s.replaceAll("[^A-Za-z0-9_.-]", "_");
        return n.isEmpty() ? "app" : n;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static boolean hasSources(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).anyMatch(n -> n.endsWith(".c") || n.endsWith(".S"));
        } catch (IOException e) {
            return false;
        }
    }
}
