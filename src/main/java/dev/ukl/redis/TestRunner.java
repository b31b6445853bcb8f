package dev.ukl.redis;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Redis's own test suite from its source tree on the host (tclsh) against a server that
 * is already serving on a port of 127.0.0.1, the runner's external mode: tests that need to
 * start servers of their own are left out by the runner itself ("external:skip").
 *
 * @param source   the Redis source tree (its tests/ directory is used as it is)
 * @param units    test files to run ("unit/type/string"), or empty for the runner's whole list
 * @param tags     the runner's --tags argument ("-slow" leaves out the slow tests), or null
 */
public record TestRunner(Path source, List<String> units, String tags) {
    /** Seconds without progress before the runner gives up on a test file. */
    static final int TIMEOUT_SECONDS = 600;

    public TestRunner {
        units = List.copyOf(units);
    }

    public List<String> command(int port) {
        List<String> cmd = new ArrayList<>(List.of("tclsh", "tests/test_helper.tcl", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--durable", "--clients", "1", "--timeout", Integer.toString(TIMEOUT_SECONDS)));
        if (tags != null) {
            cmd.add("--tags");
            cmd.add(tags);
        }
        for (String u : units) {
            cmd.add("--single");
            cmd.add(u);
        }
        return cmd;
    }

    /** Runs the suite, every line to {@code log} and to {@code progress} (per file), and parses it. */
    public TestLog run(int port, Path log, PrintWriter progress) {
        if (!Files.isRegularFile(source.resolve("tests/test_helper.tcl"))) {
            throw new UklException(source + " is not a Redis source tree (no tests/test_helper.tcl)");
        }
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        Proc.stream(source, command(port), Map.of("TERM", "dumb"), log, line -> {
            lines.add(line);
            if (line.matches("^\\[\\d+/\\d+ done]: .*") || line.startsWith("[err]") || line.startsWith("[exception]")) {
                progress.println("redis tests: " + line);
                progress.flush();
            }
        });
        return TestLog.parse(lines);
    }
}
