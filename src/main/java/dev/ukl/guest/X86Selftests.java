package dev.ukl.guest;

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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel's own x86 entry selftests (tools/testing/selftests/x86 of the project's kernel tree,
 * the 64-bit programs, static) run by guest/x86/run.sh as ordinary processes, as root and as
 * nobody: once on the plain kernel, once on the UKL kernel with a UKL app (the sample echo server)
 * running beside them. Every run must end the same on both kernels, the app must still run at the
 * end, and the UKL kernel's console must show no oops, BUG, WARNING or panic the plain kernel's
 * does not.
 */
public final class X86Selftests {
    /** Where the tests come from, in the kernel tree. */
    static final String SOURCE = "tools/testing/selftests/x86";

    /**
     * Tests left out on both kernels, with the reason: what QEMU TCG cannot run on the plain kernel
     * either is not a comparison.
     */
    public static final Map<String, String> NOT_RUN = Map.of(
            "sysret_ss_attrs_64", "oopses the plain kernel under QEMU TCG too, in user mode (an emulation bug)");

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

    /** Both boots and their comparison as a test tree. */
    public record Result(Outcome plain, Outcome ukl, TestResult comparison) {
    }

    /** Builds the tests, boots both kernels and compares them. */
    public Result run(String name, PrintStream echo) {
        Project project = pipeline.project();
        Path plainKernel = pipeline.kernel("plain");
        List<Path> tests = build();
        AppBuilder.Built app = new AppBuilder(project).build(App.load(project.root().resolve(APP)));
        Path uklKernel = pipeline.uklKernel(app.uklArchive());
        Outcome plain = boot(plainKernel, tests, false, name + "-plain", echo);
        Outcome ukl = boot(uklKernel, tests, true, name + "-ukl", echo);
        return new Result(plain, ukl, compare(name, plain, ukl));
    }

    private Outcome boot(Path kernel, List<Path> tests, boolean withApp, String name, PrintStream echo) {
        GuestImage image = pipeline.image().addProgram("guest/tools/as-nobody",
                new GuestPrograms(pipeline.project()).compile(pipeline.project().guest().resolve("tools/as-nobody.c")));
        for (Path t : tests) {
            image.addProgram("x86/" + t.getFileName(), t);
        }
        image.job(GuestScript.job(pipeline.project(), "x86/run.sh",
                Map.of("PER_TEST", Long.toString(perTest.toSeconds()), "UKL_APP", withApp ? "1" : "0")));
        pipeline.out().println("x86 selftests: " + tests.size() + " programs as root and as nobody on the "
                + (withApp ? "UKL kernel, the UKL app running beside them" : "plain kernel"));
        pipeline.out().flush();
        try (Vm vm = pipeline.boot(kernel, image, name, c -> c, echo)) {
            try {
                // each run ends within its timeout, so a guest silent for longer is dead
                Duration idle = perTest.plus(Duration.ofMinutes(1));
                vm.waitFor(Pattern.compile("ukl-guest: userspace up"), Duration.ofMinutes(5), "userspace");
                for (Path t : tests) {
                    for (String user : USERS) {
                        vm.waitFor(Pattern.compile("x86-selftest: " + user + " " + Pattern.quote(t.getFileName().toString())
                                + " \\d+"), idle, "the end of " + user + "/" + t.getFileName());
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

    /** Compares the two boots run by run. */
    static TestResult compare(String name, Outcome plain, Outcome ukl) {
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
        Set<String> onlyUkl = new TreeSet<>(ukl.kernelProblems());
        onlyUkl.removeAll(plain.kernelProblems());
        top.add(new TestResult(top.size() + 1, "no_kernel_problem_only_on_ukl",
                onlyUkl.isEmpty() ? TestResult.Status.PASS : TestResult.Status.FAIL, null,
                List.copyOf(onlyUkl), List.of()));
        return group(1, name, top);
    }

    private static TestResult group(int number, String name, List<TestResult> subtests) {
        return new TestResult(number, name, subtests.stream().allMatch(TestResult::ok) ? TestResult.Status.PASS
                : TestResult.Status.FAIL, null, List.of(), subtests);
    }

    /**
     * Builds the 64-bit tests of the kernel tree, static (the guest has no C library), unless the
     * sources are unchanged since the last build; returns them in name order, without {@link #NOT_RUN}.
     */
    List<Path> build() {
        Project project = pipeline.project();
        Path source = project.kernelSource().resolve(SOURCE);
        Path out = project.build().resolve("x86-selftests");
        List<String> make = List.of("make", "-s", "all_64", "OUTPUT=" + out, "EXTRA_CFLAGS=-static -DCAN_BUILD_64");
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
            Proc.checked(source, make, project.logs().resolve("x86-selftests-build.log"),
                    "building the x86 selftests failed");
            stamp.write(hash.hex());
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> tests = files.filter(p -> p.getFileName().toString().endsWith("_64"))
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
