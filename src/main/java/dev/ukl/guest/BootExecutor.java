package dev.ukl.guest;

import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Boots a {@link BootPlan}: writes its initramfs where the boot's name puts it, starts QEMU with
 * the common settings and the plan's, and waits for its ready line; hands back the running guest,
 * the caller's to close. Every command and test that boots a guest comes through here.
 */
public final class BootExecutor {
    private final Pipeline pipeline;

    public BootExecutor(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The QEMU configuration the plan boots with, its initramfs written. */
    public QemuConfig configure(BootPlan plan) {
        Path initrd = plan.initramfs().writeTo(pipeline.imagePath(plan.name()));
        return plan.settings().apply(pipeline.qemu(plan.kernel(), initrd, plan.name(), plan.append()));
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
