package dev.ukl.guest;

import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Boots a {@link BootPlan}: builds the kernel it asks for (or reuses it), writes its initramfs where
 * the boot's name puts it, starts QEMU with the common settings and the plan's, and waits for its
 * ready line; hands back the running guest, the caller's to close. Every command and test that boots
 * a guest comes through here; its build stage ({@link #kernel}) is also a step of its own for the
 * planners that need a kernel's files before a boot (an image, a profile's symbols).
 */
public final class BootExecutor {
    private final Pipeline pipeline;

    public BootExecutor(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Builds (or reuses) the kernel a request names; a kernel at hand is returned as it is. */
    public Path kernel(KernelRequest request) {
        if (request.built() != null) {
            return request.built();
        }
        return request.uklArchive() == null ? pipeline.kernel(request.variant())
                : pipeline.kernelFor(request.variant(), request.uklArchive());
    }

    /** The QEMU configuration the plan boots with, its kernel built and its initramfs written. */
    public QemuConfig configure(BootPlan plan) {
        Path kernel = kernel(plan.kernel());
        Path initrd = plan.initramfs().writeTo(pipeline.imagePath(plan.name()));
        return plan.settings().apply(pipeline.qemu(kernel, initrd, plan.name(), plan.append()));
    }

    /** Boots the plan; {@code echo} receives the console as it comes, or is null. */
    public Vm start(BootPlan plan, PrintStream echo) {
        Vm vm = Vm.start(configure(plan), pipeline.consoleLog(plan.name()), echo);
        if (plan.ready() != null) {
            try {
                vm.waitFor(plan.ready().line(), plan.ready().within(), plan.ready().what());
            } catch (RuntimeException e) {
                vm.close();
                throw e;
            }
        }
        return vm;
    }
}
