package dev.ukl.bench;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.AppRunner;
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
    /** How the benchmark runs. */
    public enum Form {
        /** The same source as a normal user program on the plain kernel: the baseline. */
        USER("user", AppRunner.Mode.USERSPACE, List.of()),
        /**
         * The same user program on the UKL kernel the UKL forms boot, its fast paths on: the
         * control that an ordinary process there pays what it pays on the plain kernel.
         */
        USER_ON_UKL("user-on-ukl", AppRunner.Mode.USERSPACE_ON_UKL, List.of()),
        /** The UKL app on the UKL kernel with its fast paths off: the base model. */
        UKL_BASE("ukl-base", AppRunner.Mode.UKL_SHELL,
                List.of("ukl_bypass=off", "ukl_shortcuts=off", "ukl_ret=off")),
        /** The UKL app with the bypass alone (CONFIG_UKL_BYPASS). */
        UKL_BYPASS("ukl-bypass", AppRunner.Mode.UKL_SHELL,
                List.of("ukl_shortcuts=off", "ukl_ret=off")),
        /** The UKL app with the shortcuts alone (CONFIG_UKL_SHORTCUTS). */
        UKL_SHORTCUTS("ukl-shortcuts", AppRunner.Mode.UKL_SHELL,
                List.of("ukl_bypass=off", "ukl_ret=off")),
        /** The UKL app with returns from interrupts and exceptions without IRET alone (CONFIG_UKL_RET). */
        UKL_RET("ukl-ret", AppRunner.Mode.UKL_SHELL,
                List.of("ukl_bypass=off", "ukl_shortcuts=off")),
        /** The UKL app with every fast path the kernel offers (the default). */
        UKL("ukl", AppRunner.Mode.UKL_SHELL, List.of());

        /** The forms a test or a quick comparison boots: the baseline, the base model, all fast paths. */
        public static final List<Form> MAIN = List.of(USER, UKL_BASE, UKL);

        /** The user program and every UKL form: what the benchmarks compare. */
        public static final List<Form> COMPARED = List.of(USER, UKL_BASE, UKL_BYPASS, UKL_SHORTCUTS, UKL_RET, UKL);

        private final String label;
        private final AppRunner.Mode mode;
        private final List<String> kernelArgs;

        Form(String label, AppRunner.Mode mode, List<String> kernelArgs) {
            this.label = label;
            this.mode = mode;
            this.kernelArgs = kernelArgs;
        }

        public String label() {
            return label;
        }

        /**
         * Kernel parameters the form boots with: its own, after {@code norandmaps}. Guests
         * randomize addresses by default; a benchmark counts instructions, which must not move
         * with where the stack and heap land, so it asks for fixed addresses itself.
         */
        public List<String> kernelArgs() {
            List<String> args = new java.util.ArrayList<>(List.of("norandmaps"));
            args.addAll(kernelArgs);
            return args;
        }

        /** The kernel variant it runs on: its mode's. */
        public String variant() {
            return mode.form().variant();
        }

        /** Whether the app is linked into the kernel (its code in vmlinux). */
        public boolean ukl() {
            return mode.appInKernel();
        }

        /** How the app is started in this form. */
        public AppRunner.Mode mode() {
            return mode;
        }

        /** The kernel the form boots, given the app's archive (see {@link Pipeline#kernelFor}). */
        public java.nio.file.Path kernel(Pipeline pipeline, java.nio.file.Path uklArchive) {
            return mode.form().kernel(pipeline, uklArchive);
        }

        /** The form whose label this is. */
        public static Form of(String label) {
            for (Form f : values()) {
                if (f.label.equals(label)) {
                    return f;
                }
            }
            throw new dev.ukl.UklException("no form '" + label + "': the forms are "
                    + String.join(", ", java.util.Arrays.stream(values()).map(Form::label).toList()));
        }
    }

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
        Launch launch = Launch.defaults().withIcount(icount).withPlugin(plugin).withKernelArgs(form.kernelArgs());
        try (RunningApp run = new AppRunner(pipeline).start(app, form.mode, launch, echo)) {
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
