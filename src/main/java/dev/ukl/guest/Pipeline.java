package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.env.Doctor;
import dev.ukl.image.GuestImage;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.vm.KvmProbe;
import dev.ukl.vm.QemuConfig;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The steps every boot shares: prerequisites, the kernel, the base image, QEMU's settings. */
public final class Pipeline {
    /** Kernel command line: serial console, ukl's init, panics end QEMU, no address randomisation. */
    public static final String APPEND = "console=ttyS0 panic=-1 rdinit=/init norandmaps";
    private final Project project;
    private final PrintWriter out;

    public Pipeline(Project project, PrintWriter out) {
        this.project = project;
        this.out = out;
    }

    public Project project() {
        return project;
    }

    public PrintWriter out() {
        return out;
    }

    /** Checks prerequisites, installing them when running as root. */
    public Pipeline ensurePrerequisites() {
        Doctor.standard().ensure(true, out, project.logs());
        return this;
    }

    /** Builds (or reuses) the kernel of a variant. */
    public Path kernel(String variant) {
        return new KernelBuilder(project).build(variant, List.of(), out);
    }

    /** A guest image with busybox, init and the exit helper; callers add their programs and job. */
    public GuestImage image() {
        return new GuestImage(new GuestPrograms(project).qemuExit());
    }

    public Path imagePath(String name) {
        return project.build().resolve("images").resolve(name + ".cpio.gz");
    }

    public Path consoleLog(String name) {
        return project.logs().resolve(name + "-console.log");
    }

    /** QEMU settings for a boot; {@code name} keeps the QMP sockets of concurrent VMs apart. */
    public QemuConfig qemu(Path kernel, Path initrd, String name) {
        Path run = project.build().resolve("run");
        return QemuConfig.of(kernel, initrd, APPEND).withAccelerator(KvmProbe.choose(kernel, run))
                .withQmp(run.resolve(name + ".qmp"));
    }
}
