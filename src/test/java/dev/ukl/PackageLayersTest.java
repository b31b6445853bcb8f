package dev.ukl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the tool form layers: each uses only packages below it (imports and fully
 * qualified names alike), so there is no cycle. A new package takes its place in {@link #LAYERS}.
 * The top-level package (Main, Project, UklException) stands outside: everything may use it.
 */
class PackageLayersTest {
    /** Lowest first. */
    static final List<String> LAYERS = List.of("util", "ktap", "vm", "kernel", "image", "env", "archive", "runtime",
            "app", "guest", "suite", "soak", "profile", "redis", "bench", "cli");

    private static final Pattern USE = Pattern.compile("\\bdev\\.ukl\\.([a-z]+)\\.[A-Z]");

    /** Package to the packages its sources name. */
    static Map<String, Set<String>> uses(Path root) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = USE.matcher(Files.readString(f));
                        while (m.find()) {
                            if (!m.group(1).equals(pkg)) {
                                used.add(m.group(1));
                            }
                        }
                    }
                }
                out.put(pkg, used);
            }
        }
        return out;
    }

    @Test
    void everyPackageUsesOnlyPackagesBelowIt() throws IOException {
        Map<String, Set<String>> uses = uses(Path.of("src/main/java/dev/ukl"));
        assertThat(uses.keySet()).as("packages, each with its place in LAYERS")
                .containsExactlyInAnyOrderElementsOf(LAYERS);
        List<String> upward = new ArrayList<>();
        uses.forEach((pkg, used) -> used.stream().filter(u -> LAYERS.indexOf(u) >= LAYERS.indexOf(pkg))
                .forEach(u -> upward.add(pkg + " -> " + u)));
        assertThat(upward).as("uses of a package at or above the user's layer").isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardUse(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("util"));
        Files.createDirectories(tmp.resolve("cli"));
        Files.writeString(tmp.resolve("util/A.java"), "package dev.ukl.util;\nimport dev.ukl.cli.B;\n");
        Files.writeString(tmp.resolve("cli/B.java"), "package dev.ukl.cli;\nclass B { dev.ukl.util.A a; }\n");
        assertThat(uses(tmp)).containsEntry("util", Set.of("cli")).containsEntry("cli", Set.of("util"));
    }
}
