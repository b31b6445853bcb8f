package dev.ukl.redis;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import dev.ukl.vm.PortForward;

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
 * @param skip     names of tests to leave out (the runner's --skiptest)
 */
public record TestRunner(Path source, List<String> units, String tags, List<String> skip) {
    /** Seconds without progress before the runner gives up on a test file. */
    static final int TIMEOUT_SECONDS = 300;

    public TestRunner {
        units = List.copyOf(units);
        skip = List.copyOf(skip);
    }

    /**
     * The runner's command line. {@code basePort}: the runner listens for its own test client
     * on a port just below it, so two runs at once need different ones.
     */
    public List<String> command(int port, int basePort) {
        List<String> cmd = new ArrayList<>(List.of("tclsh", "tests/test_helper.tcl", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--baseport", Integer.toString(basePort), "--durable", "--clients", "1",
                "--timeout", Integer.toString(TIMEOUT_SECONDS)));
        if (tags != null) {
            cmd.add("--tags");
            cmd.add(tags);
        }
        for (String t : skip) {
            cmd.add("--skiptest");
            cmd.add(t);
        }
        for (String u : units) {
            cmd.add("--single");
            cmd.add(u);
        }
        return cmd;
    }

    /**
     * Runs the suite, every line to {@code log} and to {@code progress} (per file), and parses
     * it. A test that failed is run once more on its own: under emulation a few of Redis's tests
     * race their own timers, and one that then passes is a pass marked as flaky.
     */
    public TestLog run(int port, Path log, PrintWriter progress) {
        prepare();
        TestLog first = TestLog.parse(runner(command(port, basePort()), log, progress));
        List<TestLog.Outcome> outcomes = new ArrayList<>();
        int retry = 0;
        for (TestLog.Outcome o : first.outcomes()) {
            if (o.status() != TestLog.Status.ERR || o.file().equals("(unfinished)")) {
                outcomes.add(o);
                continue;
            }
            retry++;
            TestRunner alone = new TestRunner(source, List.of(o.file()), tags, skip);
            List<String> cmd = new ArrayList<>(alone.command(port, basePort()));
            cmd.addAll(List.of("--only", o.name()));
            Path retryLog = log.resolveSibling(log.getFileName() + ".retry-" + retry);
            boolean passed = TestLog.parse(runner(cmd, retryLog, progress)).outcomes().stream()
                    .anyMatch(r -> r.name().equals(o.name()) && r.status() == TestLog.Status.OK);
            outcomes.add(passed ? new TestLog.Outcome(o.file(), o.name(), TestLog.Status.OK,
                    "flaky: failed in the run (" + o.detail().lines().findFirst().orElse("") + "), passed on its own")
                    : o);
        }
        return new TestLog(List.copyOf(outcomes), first.finished(), first.exceptions());
    }

    /**
     * Checks the tree and puts the host's redis-cli and redis-benchmark (Debian's redis-tools,
     * the same version) where the tests that run them look: the tree is unbuilt, the server
     * having been built in copies of it.
     */
    private void prepare() {
        if (!Files.isRegularFile(source.resolve("tests/test_helper.tcl"))) {
            throw new UklException(source + " is not a Redis source tree (no tests/test_helper.tcl)");
        }
        for (String tool : List.of("redis-cli", "redis-benchmark")) {
            Path link = source.resolve("src").resolve(tool);
            Path host = Path.of("/usr/bin", tool);
            try {
                if (!Files.exists(link) && Files.isExecutable(host)) {
                    Files.createSymbolicLink(link, host);
                }
            } catch (IOException e) {
                throw new UklException("cannot link " + link + " to " + host + ": " + e.getMessage(), e);
            }
        }
    }

    /** A port with free ones just below it, for the runner's own listener. */
    private static int basePort() {
        int p = PortForward.freeLoopbackPort();
        return p + 32 <= 65535 ? p + 32 : p;
    }

    private List<String> runner(List<String> cmd, Path log, PrintWriter progress) {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        Proc.stream(source, cmd, Map.of("TERM", "dumb"), log, line -> {
            lines.add(line);
            if (line.matches("^\\[\\d+/\\d+ done]: .*") || line.startsWith("[err]") || line.startsWith("[exception]")) {
                progress.println("redis tests: " + line);
                progress.flush();
            }
        });
        return lines;
    }
}
