package dev.ukl.suite;

import dev.ukl.guest.BootExecutor;
import dev.ukl.guest.BootPlan;
import dev.ukl.guest.KernelRequest;
import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.GuestScript;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.ktap.KtapException;
import dev.ukl.ktap.KtapParser;
import dev.ukl.ktap.TestResult;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs guest test programs inside a VM. Each prints KTAP; the guest runner nests their
 * reports as subtests of one KTAP report, which is parsed from the console. A failing test
 * is an error carrying the console's tail.
 */
public final class GuestTests {
    static final String RUNNER = """
            cd /tmp
            set -- /guest/tests/*
            echo "KTAP version 1"
            echo "1..$#"
            n=0
            failed=0
            for t in "$@"; do
            	n=$((n + 1))
            	name=${t##*/}
            	timeout %d "$t" >/tmp/ktap.out 2>&1
            	rc=$?
            	sed 's/^/    /' /tmp/ktap.out
            	if [ "$rc" -eq 0 ]; then
            		echo "ok $n $name"
            	else
            		echo "not ok $n $name # exit status $rc"
            		failed=$((failed + 1))
            	fi
            done
            exit $failed
            """;

    private final Pipeline pipeline;
    private Duration timeout = Duration.ofMinutes(10);
    private Duration perTest = Duration.ofMinutes(3);

    public GuestTests(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public GuestTests timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /**
     * A suite's boot: the plan, whose guest runs a script that prints KTAP and ends, and the line
     * that announces it. Every suite is a planner below; {@link #run(Suite, PrintStream)} boots and
     * reads them all the same way.
     */
    public record Suite(BootPlan plan, String announce) {
    }

    /** Boots a suite, waits for its end and parses its KTAP; a failed test is an error with the console's tail. */
    public TestResult run(Suite suite, PrintStream echo) {
        pipeline.out().println(suite.announce());
        pipeline.out().flush();
        String name = suite.plan().name();
        TestResult result;
        try (Vm vm = new BootExecutor(pipeline).start(suite.plan(), echo)) {
            vm.waitForExit(timeout);
            result = ktap(vm, name, "guest test output");
            if (!result.ok()) {
                throw vm.failure("guest tests failed: " + String.join(", ", result.failures()));
            }
        }
        return result;
    }

    /** Boots the variant's kernel with the given test programs and returns the parsed results. */
    public TestResult run(String variant, List<Path> programs, String name, PrintStream echo) {
        return run(programs(variant, programs, name), echo);
    }

    /** Test programs on a variant's kernel, run one by one by {@link #RUNNER}. */
    public Suite programs(String variant, List<Path> programs, String name) {
        if (programs.isEmpty()) {
            throw noTests();
        }
        GuestImage image = pipeline.image();
        for (Path p : programs) {
            image.add("guest/tests/" + p.getFileName(), p);
        }
        image.job(RUNNER.formatted(perTest.toSeconds()));
        return new Suite(BootPlan.job(name, KernelRequest.of(variant, null), image), "guest tests: booting " + variant
                + " kernel with " + programs.size() + " test program(s)");
    }

    /** Test modules of the UKL kernel (kernel/configs/ukl.config) that the UKL suite loads. */
    static final List<String> UKL_SUITE_MODULES = List.of("lib/test_ukl_uaccess.ko", "lib/test_user_copy.ko",
            "samples/kprobes/kprobe_example.ko");

    /** The CPUs of the UKL suite's guest. */
    static final int UKL_SUITE_CPUS = 2;

    /**
     * The UKL suite: boots the UKL kernel with guest/ukl linked in as the app, and runs
     * guest/ukl/run.sh, which starts it in every way and checks what a user would, and loads the
     * kernel's test modules.
     */
    public TestResult runUkl(String name, PrintStream echo) {
        // two CPUs: the app's first start switches every CPU to the UKL entry, and exec-race's
        // tracer must run while the exec does
        Suite suite = uklScript("ukl/run.sh", Map.of(), "", name);
        return run(new Suite(suite.plan().withCpus(UKL_SUITE_CPUS), suite.announce()), echo);
    }

    /**
     * A script of guest/ukl on the UKL kernel with guest/ukl linked in, the image holding what the
     * UKL suite's scripts need (the app's user form, the echo server, the test tools, strace, perf,
     * the kernel's test modules); {@code more} goes after the announcement's app name.
     */
    public Suite uklScript(String script, Map<String, String> vars, String more, String name) {
        Project project = pipeline.project();
        App app = App.load(project.guest().resolve("ukl"));
        AppBuilder.Built built = new AppBuilder(project).build(app);
        GuestPrograms programs = new GuestPrograms(project);
        AppBuilder.Built echoServer = new AppBuilder(project)
                .build(App.load(project.root().resolve("samples/tcp_server")));
        GuestImage image = pipeline.image()
                .addProgram("apps/" + app.name(), built.requireUserProgram())
                .addProgram("apps/tcp_server", echoServer.requireUserProgram())
                .addProgram("guest/tools/unpriv-exec", programs.compile(project.guest().resolve("tools/unpriv-exec.c")))
                .addProgram("guest/tools/trace-probe", programs.compile(project.guest().resolve("tools/trace-probe.c")))
                .addProgram("guest/tools/traceme-exec", programs.compile(project.guest().resolve("tools/traceme-exec.c")))
                .addProgram("guest/tools/exec-race", programs.compile(project.guest().resolve("tools/exec-race.c")))
                .addProgram("usr/bin/strace", Launch.Tool.STRACE.program())
                .addProgram("usr/bin/perf", Launch.Tool.PERF.program());
        KernelRequest kernel = KernelRequest.linking(built.uklArchive());
        for (String module : UKL_SUITE_MODULES) {
            image.add("guest/modules/" + Path.of(module).getFileName(),
                    project.kernelObjects(Pipeline.UKL_VARIANT).resolve(module));
        }
        return scripted(kernel, image, script, vars, app.name() + more, name);
    }

    /**
     * The C runtime corpus: every guest/corpus program as a static musl program and as part of one
     * multi-call UKL app, run side by side by guest/corpus/run.sh on the UKL kernel.
     */
    public TestResult runCorpus(String name, PrintStream echo) {
        Corpus corpus = new Corpus(pipeline.project());
        Corpus.Built built = corpus.build(pipeline.out());
        GuestImage image = pipeline.image();
        built.addTo(image, corpus.dir());
        return run(linked(built.uklArchive(), image, "corpus/run.sh", "the " + built.names().size()
                + "-program corpus", name), echo);
    }

    /**
     * The SQLite shell from Debian's source package in both forms (see SqliteBuild), running the
     * same script on the UKL kernel; guest/sqlite/run.sh compares the outputs.
     */
    public TestResult runSqlite(String name, PrintStream echo) {
        Project project = pipeline.project();
        dev.ukl.runtime.SqliteBuild.Built built = new dev.ukl.runtime.SqliteBuild(project).ensure(pipeline.out());
        GuestImage image = pipeline.image()
                .addProgram("apps/sqlite3", built.userProgram())
                .add("sql/script.sql", SqliteScript.write(project.build().resolve("sqlite")));
        return run(linked(built.uklArchive(), image, "sqlite/run.sh", "the SQLite shell", name), echo);
    }

    /**
     * A Java app (a Maven project under guest/java) built both ways through TeaVM; the UKL kernel
     * links it in and the guest runs guest/java/SCRIPT, which has /apps/NAME (the user program)
     * and /UKL.
     */
    public TestResult runJava(String app, String script, String name, PrintStream echo) {
        Project project = pipeline.project();
        App java = App.load(project.guest().resolve("java").resolve(app));
        AppBuilder.Built built = new AppBuilder(project).build(java);
        GuestImage image = pipeline.image().addProgram("apps/" + java.name(), built.requireUserProgram());
        return run(linked(built.uklArchive(), image, "java/" + script, "the Java app " + java.name(), name), echo);
    }

    /** The UKL kernel with the archive linked in; the guest runs the script from guest/. */
    private Suite linked(Path archive, GuestImage image, String script, String what, String name) {
        return scripted(KernelRequest.linking(archive), image, script, Map.of(), what + " linked in", name);
    }

    /** A UKL kernel already built with the app linked in; the guest runs the script from guest/ with the variables. */
    private Suite scripted(KernelRequest kernel, GuestImage image, String script, Map<String, String> vars, String what,
                           String name) {
        image.job(GuestScript.job(pipeline.project(), script, vars));
        return new Suite(BootPlan.job(name, kernel, image), "guest tests: booting the UKL kernel with " + what);
    }

    /** The KTAP result on the VM's console; {@code what} names the output in the error when it is not KTAP. */
    public static TestResult ktap(Vm vm, String name, String what) {
        try {
            return KtapParser.parse(name, vm.console());
        } catch (KtapException e) {
            throw vm.failure(what + " is not valid KTAP: " + e.getMessage());
        }
    }

    /** A one-line summary: "12 passed, 0 failed, 1 skipped". */
    public static String summary(TestResult r) {
        int pass = r.count(TestResult.Status.PASS);
        int skip = r.count(TestResult.Status.SKIP);
        int fail = r.count(TestResult.Status.FAIL) + r.count(TestResult.Status.ERROR)
                + r.count(TestResult.Status.TIMEOUT);
        return pass + " passed, " + fail + " failed" + (skip > 0 ? ", " + skip + " skipped" : "");
    }

    static UklException noTests() {
        return new UklException("no guest test programs found under guest/tests");
    }
}
