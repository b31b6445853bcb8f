package dev.ukl.bench;

import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.Pipeline;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.QemuCommand;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Boots a kernel under -icount and runs the syscall benchmark as a user program. */
public final class SyscallBench {
    private final Pipeline pipeline;

    public SyscallBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public SyscallReport.Run runUserspace(String variant, String label, PrintStream echo) {
        Path kernel = pipeline.kernel(variant);
        Path program = new GuestPrograms(pipeline.project()).bench("syscalls");
        GuestImage image = pipeline.image().add("guest/bench/syscalls", program)
                .job("/guest/bench/syscalls\n");
        Path initrd = image.write(pipeline.imagePath("bench-syscalls"));
        try (Vm vm = Vm.start(pipeline.qemu(kernel, initrd, "bench-" + label).withIcount(true), pipeline.consoleLog("bench-" + label),
                echo)) {
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
            return new SyscallReport.Run(label, variant, cases);
        }
    }
}
