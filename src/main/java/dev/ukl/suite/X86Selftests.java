package dev.ukl.suite;

import dev.ukl.guest.AppRunner;
import dev.ukl.guest.BootExecutor;
import dev.ukl.guest.BootPlan;
import dev.ukl.guest.KernelRequest;
import dev.ukl.guest.Form;
import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.GuestScript;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.ktap.TestResult;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Stamp;
import dev.ukl.vm.Vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel's own x86 entry selftests (tools/testing/selftests/x86 of the project's kernel tree,
 * the 64-bit and the 32-bit programs, static) run by guest/x86/run.sh as ordinary processes, as root and as
 * nobody: once on the plain kernel, once on the UKL kernel with a UKL app (the sample echo server)
 * running beside them. Every run must end the same on both kernels, the app must still run at the
 * end, and the UKL kernel's console must show no oops, BUG, WARNING or panic the plain kernel's
 * does not.
 *
 * <p>The tests that mean something for the app itself ({@link #AS_APP}) are also built by ukl cc
 * in both forms: the user program runs beside the others in both boots (as NAME_musl), and the
 * UKL app, linked into the kernel, in a boot of its own; it must end as the user program does on
 * the plain kernel. Every other 64-bit test says in {@link #NOT_AS_APP} why it cannot run as the app;
 * a 32-bit program never can (the app is 64-bit code linked into the kernel).
 */
public final class X86Selftests {
    /** Where the tests come from, in the kernel tree. */
    static final String SOURCE = "tools/testing/selftests/x86";

    /**
     * Tests left out on both kernels, with the reason: what QEMU TCG cannot run on the plain kernel
     * either is not a comparison.
     */
    public static final Map<String, String> NOT_RUN = Map.of(
            "sysret_ss_attrs_64", "oopses the plain kernel under QEMU TCG too, in user mode (an emulation bug)",
            "test_syscall_vdso_32", "oopses the plain kernel under QEMU TCG too, in user mode: its far return from"
                    + " 64-bit code reads the user stack as a supervisor access, which SMAP refuses (an emulation bug)");

    /** Tests that also run as the UKL app, compared with their user form (the same build). */
    public static final List<String> AS_APP = List.of("corrupt_xstate_header", "sigaltstack", "sigtrap_loop",
            "syscall_nt", "test_vsyscall");

    /** The other 64-bit tests, and why each cannot run as the UKL app, or would say nothing there. */
    public static final Map<String, String> NOT_AS_APP = notAsApp();

    private static Map<String, String> notAsApp() {
        String refused = "executes %s itself: the kernel link refuses an app archive with it";
        Map<String, String> m = new TreeMap<>();
        m.put("amx", "AMX state: QEMU TCG has no AMX, and musl lacks the glibc type it uses");
        m.put("check_initial_reg_state", "checks the registers at its own ELF entry point (-Wl,-ereal_start);"
                + " the app starts in its C runtime");
        m.put("fsgsbase", String.format(refused, "int $0x80") + "; it also writes GS, which at CPL 0 is the kernel's");
        m.put("fsgsbase_restore", String.format(refused, "int $0x80")
                + "; it also writes GS, which at CPL 0 is the kernel's");
        m.put("ioperm", "expects port I/O to fault without the permission: at CPL 0 it never does");
        m.put("iopl", "expects cli, sti and port I/O to fault without the I/O privilege: at CPL 0 they never do");
        m.put("ldt_gdt", String.format(refused, "int $0x80") + "; it also loads SS with a selector of RPL 3,"
                + " which faults at CPL 0");
        m.put("mov_ss_trap", String.format(refused, "syscall and int $0x80"));
        m.put("sigreturn", "switches to 16- and 32-bit CPL 3 segments and needs its code below 4 GiB: the app's"
                + " code is in the kernel's half and runs at CPL 0");
        m.put("ptrace_syscall", String.format(refused, "int $0x80"));
        m.put("single_step_syscall", String.format(refused, "syscall, sysenter and int $0x80"));
        m.put("syscall_arg_fault", String.format(refused, "syscall and sysenter"));
        m.put("syscall_numbering", String.format(refused, "syscall"));
        m.put("sysret_rip", String.format(refused, "syscall"));
        m.put("sysret_ss_attrs", "not run on either kernel (see NOT_RUN)");
        m.put("test_mremap_vdso", "moves the vDSO, which the app does not have (it calls the kernel directly):"
                + " it would pass without testing anything");
        return Collections.unmodifiableMap(m);
    }

    /** The suffix of an {@link #AS_APP} test's user program among the others in both boots. */
    static final String USER_FORM_SUFFIX = "_musl";

    /** The app that runs beside the tests on the UKL kernel. */
    static final String APP = "samples/tcp_server";
    static final List<String> USERS = List.of("root", "nobody");

    private static final Pattern RUN = Pattern.compile("x86-selftest: (root|nobody) (\\S+) (\\d+)\\s*$");
    private static final Pattern APP_STATE = Pattern.compile("x86-selftest: app (running|ended with status \\d+)");
    private static final Pattern END = Pattern.compile("x86-selftest: end\\s*$");
    /** Kernel messages no test may cause (a user program's own fault is "general protection fault ip:"). */
    private static final Pattern KERNEL_PROBLEM = Pattern.compile(
            "(Oops|BUG:|WARNING:|Kernel panic|general protection fault[,:]|stack segment:|double fault).*");

    private final Pipeline pipeline;
    private final Duration perTest = Duration.ofMinutes(2);

    public X86Selftests(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** What one boot showed: each run's exit status, its [FAIL] lines, the app's state, the kernel's complaints. */
    public record Outcome(Map<String, Integer> statuses, Map<String, List<String>> failLines, String app,
                          boolean finished, Set<String> kernelProblems) {
    }

    /** One test as the UKL app: its exit status (null if the guest gave none), [FAIL] lines, kernel complaints. */
    public record AppRun(Integer status, List<String> failLines, Set<String> kernelProblems) {
    }

    /** Both boots, the runs as the app and their comparison as a test tree. */
    public record Result(Outcome plain, Outcome ukl, Map<String, AppRun> asApp, TestResult comparison) {
    }

    /** Builds the tests, boots both kernels and compares them. */
    public Result run(String name, PrintStream echo) {
        Project project = pipeline.project();
        KernelRequest plainKernel = KernelRequest.of("plain", null);
        Map<String, Path> tests = new TreeMap<>();
        build().forEach(t -> tests.put(t.getFileName().toString(), t));
        Map<String, App> apps = new LinkedHashMap<>();
        for (String test : AS_APP) {
            App a = asApp(project, test);
            apps.put(test, a);
            tests.put(test + USER_FORM_SUFFIX, new AppBuilder(project).build(a).requireUserProgram());
        }
        AppBuilder.Built app = new AppBuilder(project).build(App.load(project.root().resolve(APP)));
        KernelRequest uklKernel = KernelRequest.linking(app.uklArchive());
        Outcome plain = boot(plainKernel, tests, false, name + "-plain", echo);
        Outcome ukl = boot(uklKernel, tests, true, name + "-ukl", echo);
        Map<String, AppRun> asApp = new LinkedHashMap<>();
        apps.forEach((test, a) -> asApp.put(test, runAsApp(test, a, echo)));
        return new Result(plain, ukl, asApp, compare(name, plain, ukl, asApp));
    }

    /** An {@link #AS_APP} test as an app: its one source in the kernel tree, built by ukl cc with musl. */
    static App asApp(Project project, String test) {
        Path source = project.kernelSource().resolve(SOURCE);
        return new App(App.Kind.SOURCES, source, "x86_" + test, List.of(source.resolve(test + ".c")), 0,
                List.of("-O2", "-g", "-std=gnu99", "-Wall", "-I" + source), List.of(), List.of(), null, null, true);
    }

    /** Boots the UKL kernel with the test linked in as the app, started from the shell as root. */
    private AppRun runAsApp(String test, App app, PrintStream echo) {
        pipeline.out().println("x86 selftests: " + test + " as the UKL app");
        pipeline.out().flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> console = List.of();
        Integer status = null;
        try (RunningApp r = new AppRunner(pipeline).start(app, Form.UKL_SHELL, Launch.defaults(), echo)) {
            try {
                status = r.awaitExit(perTest, out, out);
            } catch (UklException e) {
                pipeline.out().println("x86 selftests: " + test + " as the UKL app: " + e.getMessage());
            }
            console = r.vm().console();
        } catch (UklException e) {
            // it did not build, link or start: a failed comparison, not the end of the suite
            pipeline.out().println("x86 selftests: " + test + " as the UKL app: " + e.getMessage());
            return new AppRun(null, List.of(e.getMessage()), Set.of());
        }
        List<String> fails = out.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.startsWith("[FAIL]")).limit(5).toList();
        return new AppRun(status, fails, parse(console).kernelProblems());
    }

    private Outcome boot(KernelRequest kernel, Map<String, Path> tests, boolean withApp, String name, PrintStream echo) {
        GuestImage image = pipeline.image().addProgram("guest/tools/as-nobody",
                new GuestPrograms(pipeline.project()).compile(pipeline.project().guest().resolve("tools/as-nobody.c")));
        tests.forEach((test, file) -> image.addProgram("x86/" + test, file));
        image.job(GuestScript.job(pipeline.project(), "x86/run.sh",
                Map.of("PER_TEST", Long.toString(perTest.toSeconds()), "UKL_APP", withApp ? "1" : "0")));
        pipeline.out().println("x86 selftests: " + tests.size() + " programs as root and as nobody on the "
                + (withApp ? "UKL kernel, the UKL app running beside them" : "plain kernel"));
        pipeline.out().flush();
        try (Vm vm = new BootExecutor(pipeline).start(BootPlan.job(name, kernel, image), echo)) {
            try {
                // each run ends within its timeout, so a guest silent for longer is dead
                Duration idle = perTest.plus(Duration.ofMinutes(1));
                vm.waitFor(Pattern.compile("ukl-guest: userspace up"), Duration.ofMinutes(5), "userspace");
                for (String t : tests.keySet()) {
                    for (String user : USERS) {
                        vm.waitFor(Pattern.compile("x86-selftest: " + user + " " + Pattern.quote(t) + " \\d+"), idle,
                                "the end of " + user + "/" + t);
                    }
                }
                vm.waitForExit(idle);
            } catch (UklException e) {
                // a guest that stopped or hung is a finding: what it printed so far is compared
                pipeline.out().println("x86 selftests: " + e.getMessage() + " (console: " + vm.consoleLog() + ")");
            }
            return parse(vm.console());
        }
    }

    /** Reads one boot's console. */
    static Outcome parse(List<String> console) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Map<String, List<String>> failLines = new LinkedHashMap<>();
        Set<String> problems = new TreeSet<>();
        List<String> pending = new ArrayList<>();
        String app = null;
        boolean finished = false;
        for (String line : console) {
            Matcher m = RUN.matcher(line);
            Matcher a = APP_STATE.matcher(line);
            Matcher k = KERNEL_PROBLEM.matcher(line);
            if (m.find()) {
                String key = m.group(1) + "/" + m.group(2);
                statuses.put(key, Integer.parseInt(m.group(3)));
                failLines.put(key, List.copyOf(pending));
                pending.clear();
            } else if (line.startsWith("# [FAIL]") || line.startsWith("# [SKIP]")) {
                pending.add(line.substring(2).trim());
            } else if (a.find()) {
                app = a.group(1);
            } else if (END.matcher(line).find()) {
                finished = true;
            } else if (k.find()) {
                problems.add(normalize(k.group()));
            }
        }
        return new Outcome(statuses, failLines, app, finished, problems);
    }

    /** A kernel message without what changes from boot to boot (addresses, numbers, task names). */
    static String normalize(String message) {
        return message.replaceAll("0x[0-9a-f]+|[0-9a-f]{8,}|\\d+", "N").replaceAll("\\s+", " ").trim();
    }

    /** Compares the two boots run by run, without runs as the app. */
    static TestResult compare(String name, Outcome plain, Outcome ukl) {
        return compare(name, plain, ukl, Map.of());
    }

    /**
     * Compares the two boots run by run, and each run as the app with its user form's run as root
     * on the plain kernel.
     */
    static TestResult compare(String name, Outcome plain, Outcome ukl, Map<String, AppRun> asApp) {
        List<TestResult> top = new ArrayList<>();
        for (String user : USERS) {
            Set<String> keys = new LinkedHashSet<>();
            Stream.of(plain, ukl).forEach(o -> o.statuses().keySet().stream()
                    .filter(k -> k.startsWith(user + "/")).forEach(keys::add));
            List<TestResult> runs = new ArrayList<>();
            for (String key : keys) {
                Integer a = plain.statuses().get(key);
                Integer b = ukl.statuses().get(key);
                String test = key.substring(user.length() + 1);
                int n = runs.size() + 1;
                if (a == null || b == null) {
                    runs.add(new TestResult(n, test, TestResult.Status.FAIL, null,
                            List.of("no result on the " + (a == null ? "plain" : "UKL") + " kernel"), List.of()));
                } else if (!a.equals(b)) {
                    List<String> diag = new ArrayList<>(List.of("plain kernel: exit " + a, "UKL kernel: exit " + b));
                    ukl.failLines().getOrDefault(key, List.of()).forEach(l -> diag.add("UKL kernel: " + l));
                    runs.add(new TestResult(n, test, TestResult.Status.FAIL, null, diag, List.of()));
                } else {
                    runs.add(new TestResult(n, test, TestResult.Status.PASS, a == 0 ? null : "exits " + a
                            + " on both kernels", List.of(), List.of()));
                }
            }
            NOT_RUN.forEach((test, why) -> runs.add(new TestResult(runs.size() + 1, test, TestResult.Status.SKIP,
                    "SKIP " + why, List.of(), List.of())));
            top.add(group(top.size() + 1, "as_" + user, runs));
        }
        List<String> missing = new ArrayList<>();
        if (!plain.finished()) {
            missing.add("the plain kernel's run did not reach its end");
        }
        if (!ukl.finished()) {
            missing.add("the UKL kernel's run did not reach its end");
        }
        top.add(new TestResult(top.size() + 1, "both_runs_finished",
                missing.isEmpty() ? TestResult.Status.PASS : TestResult.Status.FAIL, null, missing, List.of()));
        top.add(new TestResult(top.size() + 1, "ukl_app_kept_running",
                "running".equals(ukl.app()) ? TestResult.Status.PASS : TestResult.Status.FAIL, null,
                "running".equals(ukl.app()) ? List.of() : List.of("the app: " + (ukl.app() == null ? "no word of it"
                        : ukl.app())), List.of()));
        if (!asApp.isEmpty()) {
            top.add(compareAsApp(top.size() + 1, plain, asApp));
        }
        Set<String> onlyUkl = new TreeSet<>(ukl.kernelProblems());
        onlyUkl.removeAll(plain.kernelProblems());
        top.add(new TestResult(top.size() + 1, "no_kernel_problem_only_on_ukl",
                onlyUkl.isEmpty() ? TestResult.Status.PASS : TestResult.Status.FAIL, null,
                List.copyOf(onlyUkl), List.of()));
        return group(1, name, top);
    }

    /** Each run as the app against its user form (root, plain kernel); the tests not run as the app, skipped. */
    static TestResult compareAsApp(int number, Outcome plain, Map<String, AppRun> asApp) {
        List<TestResult> runs = new ArrayList<>();
        asApp.forEach((test, run) -> {
            Integer user = plain.statuses().get("root/" + test + USER_FORM_SUFFIX);
            Set<String> problems = new TreeSet<>(run.kernelProblems());
            problems.removeAll(plain.kernelProblems());
            List<String> diag = new ArrayList<>();
            if (user == null) {
                diag.add("no result for the user form on the plain kernel");
            }
            if (run.status() == null) {
                diag.add("the UKL app's boot gave no exit status");
                run.failLines().forEach(l -> diag.add("UKL app: " + l));
            }
            if (user != null && run.status() != null && !user.equals(run.status())) {
                diag.add("user form: exit " + user);
                diag.add("UKL app: exit " + run.status());
                run.failLines().forEach(l -> diag.add("UKL app: " + l));
            }
            problems.forEach(p -> diag.add("UKL kernel: " + p));
            runs.add(new TestResult(runs.size() + 1, test, diag.isEmpty() ? TestResult.Status.PASS
                    : TestResult.Status.FAIL, diag.isEmpty() && user != 0 ? "exits " + user + " in both forms" : null,
                    diag, List.of()));
        });
        NOT_AS_APP.forEach((test, why) -> runs.add(new TestResult(runs.size() + 1, test, TestResult.Status.SKIP,
                "SKIP " + why, List.of(), List.of())));
        return group(number, "as_the_ukl_app", runs);
    }

    private static TestResult group(int number, String name, List<TestResult> subtests) {
        return new TestResult(number, name, subtests.stream().allMatch(TestResult::ok) ? TestResult.Status.PASS
                : TestResult.Status.FAIL, null, List.of(), subtests);
    }

    /**
     * Builds the 64-bit and the 32-bit tests of the kernel tree, static (the guest has no C library),
     * unless the sources are unchanged since the last build; returns them in name order, without
     * {@link #NOT_RUN}. The 32-bit ones need gcc-multilib (ukl doctor installs it); CAN_BUILD_32
     * also gives the 64-bit tests their 32-bit parts (far calls into 32-bit code, int $0x80).
     */
    List<Path> build() {
        Project project = pipeline.project();
        Path source = project.kernelSource().resolve(SOURCE);
        Path out = project.build().resolve("x86-selftests");
        List<String> make = List.of("make", "-s", "all", "OUTPUT=" + out,
                "EXTRA_CFLAGS=-static -DCAN_BUILD_32 -DCAN_BUILD_64");
        Hashing hash = new Hashing().add(String.join(" ", make));
        try (Stream<Path> files = Files.list(source)) {
            files.sorted().filter(Files::isRegularFile).forEach(hash::addFile);
        } catch (IOException e) {
            throw new UklException("cannot read the x86 selftests at " + source + ": " + e.getMessage());
        }
        Stamp stamp = Stamp.beside(out);
        if (!stamp.fresh(hash.hex(), out)) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UklException("cannot create " + out + ": " + e.getMessage());
            }
            pipeline.out().println("x86 selftests: building them from " + source);
            pipeline.out().flush();
            Path log = project.logs().resolve("x86-selftests-build.log");
            Proc.checked(source, make, log, "building the x86 selftests failed");
            if (!Files.exists(out.resolve("sigreturn_32"))) {
                // the Makefile leaves out the 32-bit half without a word when gcc -m32 cannot link
                throw new UklException("the x86 selftests' 32-bit programs were not built (no gcc-multilib?"
                        + " ukl doctor --install); see " + log);
            }
            stamp.write(hash.hex());
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> tests = files.filter(p -> p.getFileName().toString().matches(".*_(32|64)"))
                    .filter(p -> !NOT_RUN.containsKey(p.getFileName().toString())).sorted().toList();
            if (tests.isEmpty()) {
                throw new UklException("no x86 selftests were built in " + out);
            }
            return tests;
        } catch (IOException e) {
            throw new UklException("cannot list " + out + ": " + e.getMessage());
        }
    }
}
