package dev.ukl.cli;

import dev.ukl.guest.GuestPrograms;
import dev.ukl.suite.GuestTests;
import dev.ukl.guest.Pipeline;
import dev.ukl.suite.X86Selftests;
import dev.ukl.ktap.TestResult;
import dev.ukl.redis.RedisSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Boot a kernel and run the guest tests (guest/tests), which report in KTAP.")
public final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Which guest suites to run. */
    enum Suite {
        all, user, ukl, x86, corpus, sqlite, java, redis
    }

    @Option(names = "--suite", defaultValue = "all", paramLabel = "SUITE",
            description = "user (guest/tests on the plain kernel), ukl (guest/ukl as the UKL app on the UKL kernel), "
                    + "corpus (guest/corpus: C programs on the UKL runtime, both forms compared), sqlite (the SQLite shell "
                    + "from Debian's source, both forms compared), java (Java apps through TeaVM: a plain program in "
                    + "both forms, a KTAP test at CPL 0 and 3), redis (Redis's own test suite against samples/redis as a "
                    + "user program and as the UKL app, compared) or all (default).")
    Suite suite;

    @Option(names = "--redis-units", split = ",", paramLabel = "UNIT",
            description = "Redis test files for the redis suite (e.g. unit/type/string), or 'all' for the runner's "
                    + "whole list; default: a quick subset (types, keys, expiry, transactions, pub/sub, persistence).")
    java.util.List<String> redisUnits;

    @Option(names = "--redis-tags", defaultValue = "-slow", paramLabel = "TAGS",
            description = "The Redis runner's --tags (default: ${DEFAULT-VALUE}, which leaves out its slow tests).")
    String redisTags;

    @Option(names = "--variant", defaultValue = "plain",
            description = "Kernel variant for the user suite (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--console", description = "Show the guest's serial console.")
    boolean console;

    @Override
    public Integer call() {
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        GuestTests tests = new GuestTests(pipeline);
        java.io.PrintStream echo = console ? System.out : null;
        run(Suite.user, "user suite", () -> tests.run(variant, new GuestPrograms(pipeline.project()).tests(),
                "guest-tests-" + variant, echo), out);
        run(Suite.ukl, "ukl suite", () -> tests.runUkl("guest-tests-ukl", echo), out);
        run(Suite.x86, "x86 selftests (plain vs ukl)",
                () -> new X86Selftests(pipeline).run("guest-tests-x86", echo).comparison(), out);
        run(Suite.corpus, "corpus", () -> tests.runCorpus("guest-tests-corpus", echo), out);
        run(Suite.sqlite, "sqlite", () -> tests.runSqlite("guest-tests-sqlite", echo), out);
        run(Suite.java, "java plain", () -> tests.runJava("plain", "plain.sh", "guest-tests-java-plain", echo), out);
        run(Suite.java, "java cpl", () -> tests.runJava("cpl", "cpl.sh", "guest-tests-java-cpl", echo), out);
        java.util.List<String> units = redisUnits == null ? RedisSuite.QUICK_UNITS
                : redisUnits.equals(java.util.List.of("all")) ? java.util.List.of() : redisUnits;
        run(Suite.redis, "redis (ukl vs user)", () -> new RedisSuite(pipeline).run(units, redisTags, echo).comparison(),
                out);
        return failed ? 1 : 0;
    }

    private boolean failed;

    /** Runs one suite if it was asked for, and prints its results and summary; remembers a failure. */
    private void run(Suite which, String label, java.util.function.Supplier<TestResult> suiteRun, PrintWriter out) {
        if (suite == Suite.all || suite == which) {
            TestResult r = suiteRun.get();
            print(r, "", out);
            out.println(label + ": " + GuestTests.summary(r));
            failed |= !r.ok();
        }
    }

    private static void print(TestResult t, String indent, PrintWriter out) {
        for (TestResult s : t.subtests()) {
            out.println(indent + (s.ok() ? "ok     " : "FAILED ") + s.name()
                    + (s.directive() != null ? "  # " + s.directive() : ""));
            print(s, indent + "  ", out);
        }
    }
}
