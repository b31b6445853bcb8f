package dev.ukl.cli;

import dev.ukl.UklException;
import dev.ukl.guest.GuestTests;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.SoakFigures;
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
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Reliability figures on the UKL kernel: the UKL test app started and SIGKILLed at random "
                + "points (inside system calls as often as not), then random system calls from it at CPL 0 and from "
                + "its user form. Reports leaked tasks, MemAvailable, and whether the kernel stayed alive and quiet "
                + "(no oops, no WARN). A command that reports, not a test; figures go to build/soak/report.txt.")
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "1000", paramLabel = "N",
            description = "How many times to start and SIGKILL the app (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--syscalls", defaultValue = "1000000", paramLabel = "N",
            description = "Random system calls in each form, in batches of 10000 (default: ${DEFAULT-VALUE}).")
    int syscalls;

    @Option(names = "--console", description = "Show the guest's serial console.")
    boolean console;

    @Override
    public Integer call() {
        if (kills < 1 || syscalls < 10000) {
            throw new UklException("--kills must be at least 1 and --syscalls at least 10000 (one batch)");
        }
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        String name = "soak";
        GuestTests tests = new GuestTests(pipeline).timeout(Duration.ofMinutes(45));
        TestResult r = null;
        UklException failure = null;
        try {
            r = tests.runSoak(kills, syscalls, name, console ? System.out : null);
        } catch (UklException e) {
            failure = e;
        }
        List<String> lines = new ArrayList<>(SoakFigures.read(pipeline.consoleLog(name)));
        if (r != null) {
            r.subtests().forEach(t -> lines.add((t.ok() ? "ok     " : "FAILED ") + t.name()));
            lines.add("soak: " + GuestTests.summary(r));
        }
        lines.forEach(out::println);
        Path report = pipeline.project().build().resolve("soak/report.txt");
        try {
            Files.createDirectories(report.getParent());
            Files.write(report, lines);
        } catch (IOException e) {
            throw new UklException("cannot write " + report + ": " + e.getMessage(), e);
        }
        out.println("soak: report in " + report);
        if (failure != null) {
            throw failure;
        }
        return 0;
    }
}
