package dev.ukl.bench;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Form;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.vm.QemuPlugin;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Boots a kernel under -icount and runs the syscall benchmark (guest/ukl-bench, one source):
 * as a normal user program on the plain kernel (the baseline), or as the UKL app, each started
 * the way {@code ukl run} starts it.
 */
public final class SyscallBench {
    /** Which implementation of the benchmark runs. */
    public enum Program {
        /** guest/ukl-bench: C without a C library. */
        C("ukl-bench"),
        /** guest/java/bench: the main cases in Java (TeaVM), through dev.ukl.sys. */
        JAVA("java/bench");

        private final String dir;

        Program(String dir) {
            this.dir = dir;
        }
    }

    private final Pipeline pipeline;

    public SyscallBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public SyscallReport.Run run(Form form, String label, PrintStream echo) {
        return run(form, Program.C, label, echo);
    }

    public SyscallReport.Run run(Form form, Program program, String label, PrintStream echo) {
        return run(form, program, label, null, echo).run();
    }

    /**
     * A run, the ELF files whose code it ran (the kernel's vmlinux and the app's user program)
     * and the boot's console.
     */
    public record Booted(SyscallReport.Run run, Path vmlinux, Path userProgram, List<String> console) {
    }

    /** One run under -icount, with a QEMU plugin loaded when {@code plugin} is not null (ukl profile). */
    public Booted run(Form form, Program program, String label, QemuPlugin plugin, PrintStream echo) {
        return run(form, program, label, plugin, true, echo);
    }

    /**
     * One run; with {@code icount} off the guest runs on whatever accelerator the host offers and
     * the benchmark's rdtsc reads the time-stamp counter's cycles (see {@link ClockBench}).
     */
    public Booted run(Form form, Program program, String label, QemuPlugin plugin, boolean icount, PrintStream echo) {
        App app = App.load(pipeline.project().guest().resolve(program.dir));
        Launch launch = Launch.defaults().withIcount(icount).withPlugin(plugin).withKernelArgs(Form.FIXED_ADDRESSES);
        try (RunningApp run = new AppRunner(pipeline).start(app, form, launch, echo)) {
            int status = run.awaitExit(Duration.ofMinutes(15), OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream());
            List<SyscallReport.Case> cases;
            try {
                cases = SyscallReport.parse(run.output());
            } catch (RuntimeException e) {
                throw run.vm().failure(e.getMessage());
            }
            if (status != 0) {
                throw run.vm().failure("the benchmark ended with status " + status);
            }
            Path vmlinux = KernelBuilder.vmlinuxOf(run.boot().kernel());
            Path user = new AppBuilder(pipeline.project()).build(app).requireUserProgram();
            return new Booted(new SyscallReport.Run(label, form.variant(), cases), vmlinux, user, run.vm().console());
        }
    }
}
