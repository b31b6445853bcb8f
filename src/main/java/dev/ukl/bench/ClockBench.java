package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Json;
import dev.ukl.vm.QemuConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syscall benchmark in wall-clock mode: each form booted without -icount, on KVM where it
 * boots our kernels, its rdtsc reading the time-stamp counter, so the figures are cycles per call
 * with everything the hardware charges (the privilege switch, SYSRET and IRET, pipeline flushes,
 * mitigations): what UKL removes and -icount counts as one instruction each. The forms alternate
 * over the rounds ({@link Rounds}) and every figure is a median with its range, every ratio taken
 * against the user form of the same round. Under TCG the cycles are emulation artefacts: the mode
 * refuses unless forced, and then says so on every line.
 */
public final class ClockBench {
    /** Rounds at the least: fewer cannot tell a disturbed round from a real difference. */
    public static final int MIN_ROUNDS = 5;

    /** One case of one form in one round: TSC cycles per call, over all calls and in the cheapest batch. */
    public record Sample(int round, String form, String name, double perCall, double bestPerCall) {
    }

    /**
     * A whole run: where it ran (whether its cycles are emulated is the facts'), the forms (the
     * first is the baseline) and every sample.
     */
    public record Result(GuestFacts facts, int rounds, List<String> forms, List<Sample> samples) {
        /** This case's samples of this form, round by round. */
        public List<Sample> of(String form, String name) {
            return samples.stream().filter(s -> s.form().equals(form) && s.name().equals(name)).toList();
        }

        /** The cases, in the benchmark's order. */
        public List<String> cases() {
            return samples.stream().map(Sample::name).distinct().toList();
        }
    }

    private final Pipeline pipeline;

    public ClockBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Refuses emulated cycles unless {@code force}: under TCG they measure QEMU's translation,
     * not the hardware's cost of a system call.
     */
    public static void requireHardware(QemuConfig.Accelerator accelerator, boolean force) {
        if (accelerator != QemuConfig.Accelerator.KVM && !force) {
            throw new UklException("the clock mode needs KVM, and this host boots the guests under "
                    + accelerator + ", where cycles are emulation artefacts: count guest instructions instead "
                    + "(without --clock), or add --force to measure anyway, every figure marked emulated");
        }
    }

    /** The forms as run: the user program first, as the baseline of every ratio. */
    static List<Form> baselineFirst(List<Form> forms) {
        List<Form> out = new ArrayList<>(forms.stream().distinct().toList());
        out.remove(Form.USER);
        out.add(0, Form.USER);
        return out;
    }

    /**
     * The rounds, on the accelerator the caller found for the user form's kernel (the command
     * chose the clock mode by it).
     */
    public Result run(QemuConfig.Accelerator accelerator, List<Form> requested, int rounds,
                      boolean force, PrintStream echo) {
        if (rounds < MIN_ROUNDS || rounds > 100) {
            throw new UklException("--rounds must be " + MIN_ROUNDS + " to 100 in the clock mode");
        }
        List<Form> forms = baselineFirst(requested);
        requireHardware(accelerator, force);
        SyscallBench bench = new SyscallBench(pipeline);
        List<Sample> samples = new ArrayList<>();
        GuestFacts facts = null;
        for (int r = 1; r <= rounds; r++) {
            for (Form form : Rounds.order(forms, r)) {
                pipeline.out().println("bench: clock mode, round " + r + " of " + rounds + ", " + form.label() + " ("
                        + accelerator + (accelerator == QemuConfig.Accelerator.KVM ? "" : ", forced: emulated cycles")
                        + ")");
                pipeline.out().flush();
                SyscallBench.Booted b = bench.run(form, SyscallBench.Program.C, form.label(), null, false, echo);
                if (facts == null || (form == Form.USER && facts.tscMhz() == 0)) {
                    facts = GuestFacts.parse(accelerator.name(), b.console(), b.vmlinux().resolveSibling(".config"));
                }
                for (SyscallReport.Case c : b.run().cases()) {
                    samples.add(new Sample(r, form.label(), c.name(), c.perCall(), c.bestPerCall()));
                }
            }
        }
        return new Result(facts, rounds, forms.stream().map(Form::label).toList(),
                List.copyOf(samples));
    }

    public static void writeJson(Result r, Path file) {
        writeJson(r, file, "TSC cycles per call");
    }

    /** The result as JSON, its figures being {@code unit}. */
    public static void writeJson(Result r, Path file, String unit) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("unit", unit);
        doc.put("emulated", r.facts().emulated());
        doc.put("result", r);
        Json.write(file, doc);
    }
}
