package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.archive.ArchiveChecker;
import dev.ukl.env.Doctor;
import dev.ukl.image.GuestImage;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.util.BuildLock;
import dev.ukl.util.FileTrees;
import dev.ukl.util.Hashing;
import dev.ukl.vm.KvmProbe;
import dev.ukl.vm.QemuConfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The steps every boot shares: prerequisites, the kernel, the base image, QEMU's settings. */
public final class Pipeline {
    /**
     * Kernel command line: serial console, ukl's init, panics end QEMU. Addresses are randomized
     * as on any Linux machine; a benchmark that needs them fixed adds norandmaps itself.
     */
    public static final String APPEND = "console=ttyS0 panic=-1 rdinit=/init";
    /** The kernel variant with Unikernel Linux (kernel/configs/ukl.config). */
    public static final String UKL_VARIANT = "ukl";
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

    /**
     * The kernel a form of an app boots on a variant: on the UKL variant always the kernel that
     * links the app's archive (the UKL forms run it there; a user program there is the control that
     * an ordinary process sees no change), on any other the variant's own kernel.
     */
    public Path kernelFor(String variant, Path uklArchive) {
        return UKL_VARIANT.equals(variant) ? uklKernel(uklArchive) : kernel(variant);
    }

    /**
     * Builds (or relinks) the UKL kernel with an app archive: the archive is copied to UKL.a in
     * the variant's object directory (CONFIG_UKL_ARCHIVE_PATH), only when its bytes changed, so
     * an unchanged app costs nothing and a changed one costs a relink.
     */
    public Path uklKernel(Path archive) {
        List<String> findings = new ArchiveChecker().check(archive).findings();
        if (!findings.isEmpty()) {
            throw new UklException("the app archive " + archive + " cannot go into the kernel (see ukl check)", null,
                    String.join("\n", findings));
        }
        Path target = project.kernelObjects(UKL_VARIANT).resolve("UKL.a");
        KernelBuilder builder = new KernelBuilder(project);
        // another command's app must not replace this one's between the copy and the link
        try (BuildLock lock = builder.lock(UKL_VARIANT, out)) {
            Files.createDirectories(target.getParent());
            if (!Files.exists(target) || Files.mismatch(target, archive) != -1) {
                Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return snapshot(builder.build(UKL_VARIANT, List.of(), out));
        } catch (IOException e) {
            throw new UklException("cannot place the app archive at " + target + ": " + e.getMessage());
        }
    }

    /** Snapshots of UKL kernels kept: one per app the recent commands ran. */
    static final int SNAPSHOTS_KEPT = 8;

    /**
     * A copy of the UKL kernel just linked, taken under the variant's lock: as soon as the lock is
     * released another command may relink the variant with its own app, before this command's
     * QEMU has read the kernel, or between two boots of it. The copy keeps the object directory's
     * layout (arch/x86/boot/bzImage, vmlinux, .config) so that {@link KernelBuilder#vmlinuxOf}
     * finds its vmlinux; it is named by the bzImage's content, and the newest few are kept.
     */
    Path snapshot(Path bzImage) throws IOException {
        Path objdir = bzImage.getParent().getParent().getParent().getParent();
        Path root = project.build().resolve("kernel/ukl-snapshots");
        Path dir = root.resolve(new Hashing().addFile(bzImage).hex().substring(0, 16));
        Path image = dir.resolve("arch/x86/boot/bzImage");
        if (!Files.exists(image)) {
            Path tmp = root.resolve(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.createDirectories(tmp.resolve("arch/x86/boot"));
            Files.copy(bzImage, tmp.resolve("arch/x86/boot/bzImage"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(objdir.resolve("vmlinux"), tmp.resolve("vmlinux"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(objdir.resolve(".config"), tmp.resolve(".config"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        pruneAbandoned(root);
        try (var old = Files.list(root)) {
            List<Path> stale = old.filter(p -> !p.equals(dir) && !p.getFileName().toString().contains(".tmp-"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
                    .skip(SNAPSHOTS_KEPT - 1).toList();
            for (Path p : stale) {
                FileTrees.delete(p);
            }
        }
        return image;
    }

    /**
     * Removes the half-made snapshots ({@code HASH.tmp-PID}) of commands that died while copying:
     * a copy whose command still runs is left alone.
     */
    static void pruneAbandoned(Path root) throws IOException {
        List<Path> abandoned;
        try (var entries = Files.list(root)) {
            abandoned = entries.filter(p -> {
                String n = p.getFileName().toString();
                int at = n.lastIndexOf(".tmp-");
                if (at < 0) {
                    return false;
                }
                try {
                    long pid = Long.parseLong(n.substring(at + 5));
                    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    return false;
                }
            }).toList();
        }
        for (Path p : abandoned) {
            FileTrees.delete(p);
        }
    }

    /** A guest image with busybox, init and the exit helper; callers add their programs and job. */
    public GuestImage image() {
        return new GuestImage(new GuestPrograms(project).qemuExit()).uklName(uklName());
    }

    /** The exec name that starts the UKL app: CONFIG_UKL_NAME of the UKL variant's fragment. */
    public String uklName() {
        return uklName(project.root().resolve("kernel/configs").resolve(UKL_VARIANT + ".config"));
    }

    /** The kernel's default exec name, when a fragment does not set one. */
    public static final String DEFAULT_UKL_NAME = "/UKL";

    /** CONFIG_UKL_NAME in a config fragment (the kernel's default when unset), checked as a guest path. */
    static String uklName(Path fragment) {
        String v = dev.ukl.kernel.ConfigFragment.read(fragment).options().get("CONFIG_UKL_NAME");
        if (v == null) {
            return DEFAULT_UKL_NAME;
        }
        String name = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        if (!name.matches("/[A-Za-z0-9._/+-]+")) {
            throw new UklException("CONFIG_UKL_NAME in " + fragment + " must be an absolute path of letters, "
                    + "digits and . _ - + / (it is " + v + ")");
        }
        return name;
    }

    public Path imagePath(String name) {
        return project.build().resolve("images").resolve(name + ".cpio.gz");
    }

    public Path consoleLog(String name) {
        return project.logs().resolve(name + "-console.log");
    }

    /** QEMU settings for a boot; {@code name} keeps the QMP sockets of concurrent VMs apart. */
    public QemuConfig qemu(Path kernel, Path initrd, String name, String append) {
        return QemuConfig.of(kernel, initrd, append).withAccelerator(accelerator(kernel))
                .withQmp(project.build().resolve("run").resolve(name + ".qmp"));
    }

    /** The accelerator a boot of {@code kernel} without -icount gets: KVM where it boots our kernels. */
    public QemuConfig.Accelerator accelerator(Path kernel) {
        return KvmProbe.choose(kernel, project.build().resolve("run"));
    }
}
