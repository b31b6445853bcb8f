package dev.ukl.cli;

import dev.ukl.soak.AppSoak;
import dev.ukl.UklException;
import dev.ukl.soak.EchoSoak;
import dev.ukl.suite.GuestTests;
import dev.ukl.guest.Pipeline;
import dev.ukl.soak.SoakFigures;
import dev.ukl.soak.SoakReport;
import dev.ukl.ktap.TestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Reliability figures on the UKL kernel. First boot: the UKL test app started and SIGKILLed at "
                + "random points (inside system calls as often as not), then random system calls from it at CPL 0 "
                + "and from its user form; leaked tasks, MemAvailable, and whether the kernel stayed alive and quiet "
                + "(no oops, no WARN). Second boot: the sample echo server linked into the kernel, killed and "
                + "started again every period while the host keeps connections busy; every byte that comes back "
                + "is checked. A command that reports, not a test; figures go to build/soak/report.txt and report.json.")
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "1000", paramLabel = "N",
            description = "How many times to start and SIGKILL the app (default: ${DEFAULT-VALUE}; 0 with "
                    + "--syscalls 0 skips the first boot).")
    int kills;

    @Option(names = "--syscalls", defaultValue = "1000000", paramLabel = "N",
            description = "Random system calls in each form, in batches of 10000 (default: ${DEFAULT-VALUE}).")
    int syscalls;

    @Option(names = "--echo-minutes", defaultValue = "10", paramLabel = "MIN",
            description = "How long the echo load runs (default: ${DEFAULT-VALUE}; 0 skips it).")
    int echoMinutes;

    @Option(names = "--echo-period", defaultValue = "10", paramLabel = "S",
            description = "Seconds between two kills of the echo server (default: ${DEFAULT-VALUE}).")
    int echoPeriod;

    // 40: with 100 reconnecting at once after a kill, QEMU 7.2's user networking stopped passing the
    // host's connections on, with a user program as the server and on the plain kernel too (README, Soak)
    @Option(names = "--connections", defaultValue = "40", paramLabel = "N",
            description = "Host connections of the echo load (default: ${DEFAULT-VALUE}; QEMU's user networking"
                    + " gave out at 100 reconnecting at once after a kill).")
    int connections;

    @Option(names = "--console", description = "Show the guest's serial console.")
    boolean console;

    @Override
    public Integer call() {
        boolean first = kills > 0 || syscalls > 0;
        if (kills < 0 || syscalls < 0 || (syscalls > 0 && syscalls < 10000)) {
            throw new UklException("--kills must be 0 or more and --syscalls 0 or at least 10000 (one batch)");
        }
        if (echoMinutes < 0 || echoPeriod < 1 || connections < 1 || connections > 1000) {
            throw new UklException("--echo-minutes must be 0 or more, --echo-period at least 1 and --connections "
                    + "from 1 to 1000");
        }
        if (!first && echoMinutes == 0) {
            throw new UklException("nothing to do: --kills, --syscalls and --echo-minutes are all 0");
        }
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        List<String> lines = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        Map<String, Boolean> subtests = new LinkedHashMap<>();
        EchoSoak.Result[] echo = new EchoSoak.Result[1];
        UklException failure = null;
        if (first) {
            try {
                firstBoot(pipeline, lines, figures, subtests);
            } catch (UklException e) {
                failure = e;
            }
        }
        if (echoMinutes > 0) {
            try {
                echo[0] = echoBoot(pipeline, lines, figures, subtests);
            } catch (UklException e) {
                failure = failure != null ? failure : e;
            }
        }
        lines.forEach(out::println);
        Path report = pipeline.project().build().resolve("soak/report.txt");
        try {
            Files.createDirectories(report.getParent());
            Files.write(report, lines);
        } catch (IOException e) {
            throw new UklException("cannot write " + report + ": " + e.getMessage(), e);
        }
        Path json = report.resolveSibling("report.json");
        new SoakReport(kills, syscalls, echoMinutes, figures, subtests,
                echo[0] != null ? echo[0].load() : null, echo[0] != null ? echo[0].last() : null,
                failure == null).writeJson(json);
        out.println("soak: report in " + report + " and " + json);
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    /** Kills and random system calls: guest/ukl/soak.sh. */
    private void firstBoot(Pipeline pipeline, List<String> lines, List<String> figures,
                                     Map<String, Boolean> subtests) {
        String name = "soak";
        GuestTests tests = new GuestTests(pipeline).timeout(Duration.ofMinutes(45));
        TestResult r = null;
        try {
            r = tests.run(AppSoak.plan(tests, kills, syscalls, name), console ? System.out : null);
        } finally {
            List<String> f = SoakFigures.read(pipeline.consoleLog(name));
            figures.addAll(f);
            lines.addAll(f);
            if (r != null) {
                r.subtests().forEach(t -> lines.add((t.ok() ? "ok     " : "FAILED ") + t.name()));
                r.subtests().forEach(t -> subtests.put(name + "/" + t.name(), t.ok()));
                lines.add("soak: " + GuestTests.summary(r));
            }
        }
    }

    /** The echo server killed and restarted under load: guest/ukl/soak-echo.sh and EchoLoad. */
    private EchoSoak.Result echoBoot(Pipeline pipeline, List<String> lines, List<String> figures,
                                     Map<String, Boolean> subtests) {
        String name = "soak-echo";
        EchoSoak.Result r = null;
        try {
            r = new EchoSoak(pipeline).run(Duration.ofMinutes(echoMinutes), echoPeriod, connections, name,
                    console ? System.out : null);
        } finally {
            if (Files.exists(pipeline.consoleLog(name))) {
                List<String> f = SoakFigures.read(pipeline.consoleLog(name));
                figures.addAll(f);
                lines.addAll(f);
            }
            if (r != null) {
                lines.add("echo load: " + r.load().line());
                lines.add("last instance: " + r.last().line());
                r.guest().subtests().forEach(t -> lines.add((t.ok() ? "ok     " : "FAILED ") + t.name()));
                r.guest().subtests().forEach(t -> subtests.put(name + "/" + t.name(), t.ok()));
                lines.add("soak echo: " + (r.ok() ? "no wrong byte, the last instance served every message, "
                        : "FAILED: wrong bytes or a last instance that did not serve, ") + GuestTests.summary(r.guest()));
            }
        }
        if (!r.ok()) {
            throw new UklException("echo soak failed: " + r.load().wrongBytes() + " wrong bytes under load; last "
                    + "instance: " + r.last().line(), pipeline.consoleLog(name));
        }
        return r;
    }
}
