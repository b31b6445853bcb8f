package dev.ukl.bench;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Pipeline;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.QemuCommand;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Boots a kernel under -icount and runs the syscall benchmark (guest/ukl-bench, one source):
 * as a normal user program on the plain kernel (the baseline), or as the UKL app.
 */
public final class SyscallBench {
    /** How the benchmark runs. */
    public enum Form {
        USER("user", "plain"), UKL("ukl", Pipeline.UKL_VARIANT);

        private final String label;
        private final String variant;

        Form(String label, String variant) {
            this.label = label;
            this.variant = variant;
        }

        public String label() {
            return label;
        }
    }

    /** Which implementation of the benchmark runs. */
    public enum Program {
        /** guest/ukl-bench: C without a C library. */
        C("ukl-bench", "bench-"),
        /** guest/java/bench: the main cases in Java (TeaVM), through dev.ukl.sys. */
        JAVA("java/bench", "bench-java-");

        private final String dir;
        private final String logPrefix;

        Program(String dir, String logPrefix) {
            this.dir = dir;
            this.logPrefix = logPrefix;
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
        App app = App.load(pipeline.project().guest().resolve(program.dir));
        AppBuilder.Built built = new AppBuilder(pipeline.project().apps()).build(app);
        GuestImage image = pipeline.image();
        Path kernel;
        if (form == Form.USER) {
            kernel = pipeline.kernel(form.variant);
            image.addProgram("apps/" + app.name(), built.requireUserProgram()).job("/apps/" + app.name() + "\n");
        } else {
            kernel = pipeline.uklKernel(built.uklArchive());
            image.job(AppRunner.UKL_NAME + "\n");
        }
        String name = program.logPrefix + label;
        Path initrd = image.write(pipeline.imagePath(name));
        try (Vm vm = Vm.start(pipeline.qemu(kernel, initrd, name, Pipeline.APPEND).withIcount(true),
                pipeline.consoleLog(name), echo)) {
            int rc = vm.waitForExit(Duration.ofMinutes(15));
            List<SyscallReport.Case> cases;
            try {
                cases = SyscallReport.parse(vm.console());
            } catch (RuntimeException e) {
                throw vm.failure(e.getMessage());
            }
            if (QemuCommand.guestStatus(rc) != 0) {
                throw vm.failure("the benchmark ended with status " + QemuCommand.guestStatus(rc));
            }
            return new SyscallReport.Run(label, form.variant, cases);
        }
    }
}
