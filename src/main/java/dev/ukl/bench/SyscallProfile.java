package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.guest.Pipeline;
import dev.ukl.profile.AppCode;
import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.PluginOutput;
import dev.ukl.profile.ProfilePlugin;
import dev.ukl.profile.Symbols;
import dev.ukl.util.Json;
import dev.ukl.vm.QemuPlugin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Runs the system-call benchmark with the profiling plugin and attributes every case's guest
 * instructions to the functions that executed them, app and kernel in one table: for the UKL
 * form both are in vmlinux; for the user form the app is the user program.
 */
public final class SyscallProfile {

    /** One form's profile: the benchmark's own figures and every case's profile. */
    public record Result(String form, SyscallReport.Run bench, List<CaseProfile> cases) {
        public CaseProfile get(String name) {
            return cases.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UklException("no case '" + name + "' in the profile of the " + form
                            + " form"));
        }
    }

    private final Pipeline pipeline;

    public SyscallProfile(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result run(Form form, PrintStream echo) {
        Path output = pipeline.project().build().resolve("profile/syscalls-" + form.label() + ".counts");
        QemuPlugin plugin = new ProfilePlugin(pipeline.project()).freshOutput(output, pipeline.out());
        pipeline.out().println("profile: the system-call benchmark in the " + form.label()
                + " form, with QEMU's profiling plugin");
        pipeline.out().flush();
        SyscallBench.Booted booted = new SyscallBench(pipeline).run(form, SyscallBench.Program.C, form.label(),
                plugin, echo);
        PluginOutput counts = PluginOutput.read(output);
        AppCode code = AppCode.of(booted.vmlinux(), form.appInKernel(), booted.userProgram());
        return new Result(form.label(), booted.run(), attribute(booted.run(), counts, code.symbols(), code.isApp()));
    }

    /**
     * Window tag i is the benchmark's case i (the plugin numbers tags in the order the cases
     * open their first window). Every case must have as many windows as batches.
     */
    static List<CaseProfile> attribute(SyscallReport.Run run, PluginOutput counts, Symbols symbols,
                                       LongPredicate isApp) {
        List<CaseProfile> cases = new ArrayList<>();
        for (int tag = 0; tag < run.cases().size(); tag++) {
            SyscallReport.Case c = run.cases().get(tag);
            long windows = counts.windows().getOrDefault(tag, 0L);
            if (windows * c.batch() != c.calls()) {
                throw new UklException("the profile does not match the benchmark: case " + c.name() + " ran "
                        + c.calls() / Math.max(1, c.batch()) + " batches, the plugin saw " + windows
                        + " windows for it");
            }
            cases.add(CaseProfile.of(c.name(), c.calls(), windows, counts.counts().getOrDefault(tag, Map.of()),
                    symbols, isApp));
        }
        if (counts.windows().size() != run.cases().size()) {
            throw new UklException("the profile has " + counts.windows().size() + " window tags for "
                    + run.cases().size() + " benchmark cases");
        }
        return cases;
    }

    public static void writeJson(List<Result> results, Path file) {
        Json.write(file, results);
    }
}
