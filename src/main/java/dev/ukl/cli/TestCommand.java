package dev.ukl.cli;

import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.GuestTests;
import dev.ukl.guest.Pipeline;
import dev.ukl.ktap.TestResult;
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
        all, user, ukl, corpus, sqlite
    }

    @Option(names = "--suite", defaultValue = "all", paramLabel = "SUITE",
            description = "user (guest/tests on the plain kernel), ukl (guest/ukl as the UKL app on the UKL kernel), "
                    + "corpus (guest/corpus: C programs on the UKL runtime, both forms compared), sqlite (the SQLite shell "
                    + "from Debian's source, both forms compared) or all (default).")
    Suite suite;

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
        if (suite == Suite.all || suite == Suite.user) {
            TestResult r = tests.run(variant, new GuestPrograms(pipeline.project()).tests(),
                    "guest-tests-" + variant, console ? System.out : null);
            print(r, "", out);
            out.println("user suite: " + GuestTests.summary(r));
        }
        if (suite == Suite.all || suite == Suite.ukl) {
            TestResult r = tests.runUkl("guest-tests-ukl", console ? System.out : null);
            print(r, "", out);
            out.println("ukl suite: " + GuestTests.summary(r));
        }
        if (suite == Suite.all || suite == Suite.corpus) {
            TestResult r = tests.runCorpus("guest-tests-corpus", console ? System.out : null);
            print(r, "", out);
            out.println("corpus: " + GuestTests.summary(r));
        }
        if (suite == Suite.all || suite == Suite.sqlite) {
            TestResult r = tests.runSqlite("guest-tests-sqlite", console ? System.out : null);
            print(r, "", out);
            out.println("sqlite: " + GuestTests.summary(r));
        }
        return 0;
    }

    private static void print(TestResult t, String indent, PrintWriter out) {
        for (TestResult s : t.subtests()) {
            out.println(indent + (s.ok() ? "ok     " : "FAILED ") + s.name()
                    + (s.directive() != null ? "  # " + s.directive() : ""));
            print(s, indent + "  ", out);
        }
    }
}
