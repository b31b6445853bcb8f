package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.bench.SyscallBench;
import dev.ukl.guest.Pipeline;
import dev.ukl.vm.QemuConfig;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The options of the benchmarks that have a wall-clock mode (syscalls, echo, sqlite), and the
 * choice between it and counting under -icount: the clock mode where asked for or where KVM
 * boots the guests, counting elsewhere or where asked for.
 */
final class ClockOptions {
    @Option(names = "--clock", description = "Wall-clock mode: each form booted without -icount (on KVM), the "
            + "forms alternated over --rounds rounds, medians with their range and ratios to the user form of the "
            + "same round, with the accelerator, CPU and the kernel's mitigations. The default where KVM boots the "
            + "guests; refused under TCG unless --force.")
    boolean clock;

    @Option(names = "--icount", description = "Count guest instructions under -icount (the default where KVM does "
            + "not boot the guests), even where it does.")
    boolean icount;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N", description = "Clock mode: rounds, each "
            + "running every form once (at least 5; default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--force", description = "Clock mode under TCG: measure anyway; every line of the report says "
            + "its figures are emulated.")
    boolean force;

    /**
     * The accelerator the clock mode runs on (probed once, on the user form's kernel), or null when
     * the benchmark counts instead; {@code what} names the clock mode's figures for the line that
     * says it was chosen by itself.
     */
    QemuConfig.Accelerator choose(Pipeline pipeline, PrintWriter out, String what) {
        if (clock && icount) {
            throw new UklException("--clock and --icount exclude each other");
        }
        QemuConfig.Accelerator accelerator = icount ? null
                : pipeline.accelerator(pipeline.kernel(Form.USER.variant()));
        if (clock || accelerator == QemuConfig.Accelerator.KVM) {
            if (!clock) {
                out.println("bench: KVM boots the guests here: clock mode, " + what + " (--icount counts guest "
                        + "instructions instead)");
            }
            return accelerator;
        }
        if (force) {
            throw new UklException("--force belongs to the clock mode (--clock)");
        }
        return null;
    }
}
