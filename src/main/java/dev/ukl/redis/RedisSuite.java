package dev.ukl.redis;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.ktap.TestResult;
import dev.ukl.vm.PortForward;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Redis's own test suite against the sample (samples/redis) in both forms: the same server
 * started as a user program and as the UKL app, the runner on the host in external mode. The
 * UKL form must pass exactly the tests the user form passes; what fails in both is listed.
 */
public final class RedisSuite {
    /** The sample, relative to the project. */
    public static final String SAMPLE = "samples/redis";
    static final int PORT = 6379;
    /**
     * Tests that compare a time the runner takes on the host with the server's clock. The
     * guest's clock comes from the emulated RTC in whole seconds, so it runs up to a second
     * behind the host's and these fail or pass by the fraction; they are left out in both forms.
     */
    public static final List<String> CLOCK_TESTS = List.of("GETEX EXAT option", "GETEX PXAT option",
            "Extended SET EXAT option", "Extended SET PXAT option", "RESTORE can set an absolute expire",
            "EXPIREAT - Check for EXPIRE alike behavior");
    /**
     * Tests that assume the server shares the runner's host. The first listens on a port of the
     * host and expects the server's CONFIG SET port to it to fail; in the guest the port is free,
     * the server moves to it and every later test loses its connection. The second has the
     * host's redis-cli write an RDB into the directory the server reports and rename it there,
     * then makes the server load it: the server, in the guest, loads its own older snapshot.
     */
    public static final List<String> SAME_HOST_TESTS = List.of("CONFIG SET rollback on apply error",
            "Dumping an RDB - functions only: yes");
    /**
     * Tests that need requests sent on two connections one after the other to reach the server
     * in that order. QEMU's user network reads its host sockets newest first when several have
     * data, so two requests close together can arrive swapped: these then fail, or wait forever
     * for a reply the server gave the other client.
     */
    public static final List<String> ORDER_TESTS = List.of("BRPOPLPUSH with multiple blocked clients",
            "BRPOPLPUSH does not affect WATCH while still blocked", "PUBLISH/SUBSCRIBE after UNSUBSCRIBE without arguments",
            "PUBLISH/PSUBSCRIBE after PUNSUBSCRIBE without arguments");
    /**
     * A subset for the test command: the commonest types, keys and expiry, transactions,
     * persistence through fork (BGSAVE, BGREWRITEAOF, DEBUG RELOAD) and the protocol. Lists' and
     * pub/sub's units are left to the full run: many of their tests act on one connection
     * without waiting for another's reply (see ORDER_TESTS), and a swap fails them in either
     * form at random.
     */
    public static final List<String> QUICK_UNITS = List.of("unit/protocol", "unit/keyspace", "unit/type/string",
            "unit/type/incr", "unit/type/set", "unit/type/hash", "unit/expire", "unit/multi", "unit/other");

    /** Both forms' logs and the comparison as a test tree. */
    public record Result(TestLog user, TestLog ukl, TestResult comparison) {
    }

    private final Pipeline pipeline;

    public RedisSuite(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The server's arguments for a test run: the sample's, and the commands the runner needs. */
    static List<String> serverArgs(App app) {
        List<String> args = new ArrayList<>(app.args());
        args.addAll(List.of("--enable-debug-command", "yes", "--enable-protected-configs", "yes"));
        return args;
    }

    /** A server of the sample in one form, serving on a host port of 127.0.0.1. */
    public record Server(RunningApp app, int port, String form) implements AutoCloseable {
        @Override
        public void close() {
            app.close();
        }
    }

    /** The sample built (both forms) and its source tree, for the runner. */
    public record Sample(App app, AppBuilder.Built built, Path source) {
    }

    public Sample sample() {
        App app = App.load(pipeline.project().root().resolve(SAMPLE));
        AppBuilder.Built built = new AppBuilder(pipeline.project()).build(app);
        return new Sample(app, built, sourceTree(built));
    }

    /** Starts the sample in a form with the arguments the test runner needs, on a free host port. */
    public Server serve(Sample sample, Form form, PrintStream echo) {
        int port = PortForward.freeLoopbackPort();
        Launch launch = Launch.defaults().withArgs(serverArgs(sample.app())).withForward(new PortForward(port, PORT));
        pipeline.out().println("redis: the server " + form.describe() + ", on 127.0.0.1:" + port);
        pipeline.out().flush();
        return new Server(new AppRunner(pipeline).start(sample.app(), form, launch, echo), port,
                form.appInKernel() ? "ukl" : "user");
    }

    /** Runs the units (empty: the runner's whole list) with tags (or null) in both forms. */
    public Result run(List<String> units, String tags, PrintStream echo) {
        Sample sample = sample();
        TestRunner runner = runner(sample, units, tags);
        TestLog user;
        try (Server s = serve(sample, Form.USER, echo)) {
            user = test(s, runner);
        }
        TestLog ukl;
        try (Server s = serve(sample, Form.UKL_SHELL, echo)) {
            ukl = test(s, runner);
        }
        return new Result(user, ukl, compare(user, ukl));
    }

    public static TestRunner runner(Sample sample, List<String> units, String tags) {
        List<String> skip = new ArrayList<>(CLOCK_TESTS);
        skip.addAll(SAME_HOST_TESTS);
        skip.addAll(ORDER_TESTS);
        return new TestRunner(sample.source(), units, tags, skip);
    }

    /** Runs the runner against a server; the server must still be up at the end. */
    public TestLog test(Server server, TestRunner runner) {
        Path log = pipeline.project().build().resolve("redis/tests-" + server.form() + ".log");
        TestLog result = runner.run(server.port(), log, pipeline.out());
        pipeline.out().println("redis tests, " + server.form() + " form: " + result.summary() + " (log: " + log + ")");
        pipeline.out().flush();
        if (!server.app().vm().isAlive()) {
            throw server.app().vm().failure("the Redis server's VM ended during the tests");
        }
        return result;
    }

    /** The Redis source tree the sample's Makefile unpacked next to the app archive. */
    static Path sourceTree(AppBuilder.Built built) {
        Path dir = built.uklArchive().getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("tests/test_helper.tcl"))).findFirst()
                    .orElseThrow(() -> new UklException("no Redis source tree (tests/test_helper.tcl) in " + dir));
        } catch (IOException e) {
            throw new UklException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One subtest per test file, one per test in it: passed when both forms have the same
     * outcome; what fails in both is a skip with the message; what neither ran is left out.
     */
    public static TestResult compare(TestLog user, TestLog ukl) {
        Map<String, TestLog.Outcome> u = byKey(user);
        Map<String, TestLog.Outcome> k = byKey(ukl);
        Set<String> keys = new LinkedHashSet<>(u.keySet());
        keys.addAll(k.keySet());
        Map<String, List<TestResult>> files = new LinkedHashMap<>();
        for (String key : keys) {
            TestLog.Outcome a = u.get(key);
            TestLog.Outcome b = k.get(key);
            TestLog.Outcome any = a != null ? a : b;
            if (a != null && b != null && a.status() == b.status() && a.status() != TestLog.Status.OK
                    && a.status() != TestLog.Status.ERR) {
                continue; // skipped or ignored in both: not a comparison
            }
            List<TestResult> tests = files.computeIfAbsent(any.file(), f -> new ArrayList<>());
            TestResult t;
            if (a == null || b == null) {
                t = new TestResult(tests.size() + 1, any.name(), TestResult.Status.FAIL, null,
                        List.of("only in the " + (a == null ? "ukl" : "user") + " form's run"), List.of());
            } else if (a.status() != b.status()) {
                t = new TestResult(tests.size() + 1, any.name(), TestResult.Status.FAIL, null,
                        List.of("user: " + describe(a), "ukl: " + describe(b)), List.of());
            } else if (a.status() == TestLog.Status.ERR) {
                t = new TestResult(tests.size() + 1, any.name(), TestResult.Status.SKIP,
                        "SKIP fails in both forms: " + firstLine(b.detail()), List.of(), List.of());
            } else {
                t = new TestResult(tests.size() + 1, any.name(), TestResult.Status.PASS, null, List.of(), List.of());
            }
            tests.add(t);
        }
        List<TestResult> subtests = new ArrayList<>();
        files.forEach((file, tests) -> subtests.add(new TestResult(subtests.size() + 1, file,
                tests.stream().allMatch(TestResult::ok) ? TestResult.Status.PASS : TestResult.Status.FAIL, null,
                List.of(), tests)));
        List<String> problems = new ArrayList<>();
        for (TestLog log : List.of(user, ukl)) {
            String form = log == user ? "user" : "ukl";
            if (!log.exceptions().isEmpty()) {
                problems.add(form + " form: the runner stopped on an exception: " + log.exceptions().get(0));
            }
            if (!log.finished()) {
                problems.add(form + " form: the runner did not finish");
            }
        }
        if (!problems.isEmpty()) {
            subtests.add(new TestResult(subtests.size() + 1, "runner", TestResult.Status.ERROR, null, problems,
                    List.of()));
        }
        return new TestResult(1, "redis", subtests.stream().allMatch(TestResult::ok) && !subtests.isEmpty()
                ? TestResult.Status.PASS : TestResult.Status.FAIL, null, List.of(), subtests);
    }

    /**
     * The outcomes by file, name and occurrence: a few of Redis's files have two tests of one
     * name, and each run is compared with its counterpart, the second with the second.
     */
    private static Map<String, TestLog.Outcome> byKey(TestLog log) {
        Map<String, TestLog.Outcome> m = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TestLog.Outcome o : log.outcomes()) {
            int n = seen.merge(o.key(), 1, Integer::sum);
            m.put(n == 1 ? o.key() : o.key() + " (#" + n + ")", n == 1 ? o
                    : new TestLog.Outcome(o.file(), o.name() + " (#" + n + ")", o.status(), o.detail()));
        }
        return m;
    }

    private static String describe(TestLog.Outcome o) {
        return o.status().name().toLowerCase() + (o.detail().isEmpty() ? "" : " (" + firstLine(o.detail()) + ")");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
