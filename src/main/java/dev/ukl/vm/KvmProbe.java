package dev.ukl.vm;

import dev.ukl.util.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Decides between KVM and TCG. A /dev/kvm that opens is not enough: on nested hosts QEMU can
 * fail on KVM's MSRs or hang. So KVM is used only when a kernel actually boots under it (it
 * reaches its panic for want of an init within a few seconds). The verdict is cached per host
 * boot. {@code UKL_ACCEL=kvm|tcg} overrides it.
 */
public final class KvmProbe {
    private KvmProbe() {
    }

    public static QemuConfig.Accelerator choose(Path kernel, Path cacheDir) {
        String forced = System.getenv("UKL_ACCEL");
        if (forced != null && !forced.isBlank()) {
            return forced.strip().equalsIgnoreCase("kvm") ? QemuConfig.Accelerator.KVM : QemuConfig.Accelerator.TCG;
        }
        if (QemuConfig.Accelerator.detect() == QemuConfig.Accelerator.TCG) {
            return QemuConfig.Accelerator.TCG;
        }
        Path cache = cacheDir.resolve("kvm-probe");
        String bootId = bootId();
        try {
            if (Files.exists(cache)) {
                List<String> l = Files.readAllLines(cache);
                if (l.size() == 2 && l.get(0).equals(bootId)) {
                    return QemuConfig.Accelerator.valueOf(l.get(1));
                }
            }
            QemuConfig.Accelerator a = probe(kernel) ? QemuConfig.Accelerator.KVM : QemuConfig.Accelerator.TCG;
            Files.createDirectories(cacheDir);
            Files.write(cache, List.of(bootId, a.name()));
            return a;
        } catch (IOException e) {
            return QemuConfig.Accelerator.TCG;
        }
    }

    private static boolean probe(Path kernel) {
        // the same command line as every boot (QemuCommand), under KVM, without an initramfs: the
        // kernel gets as far as looking for an init that is not there, or not past its setup code
        List<String> cmd = QemuCommand.build(QemuConfig.of(kernel, null,
                "console=ttyS0 panic=-1 rdinit=/ukl-no-init init=/ukl-no-init")
                .withAccelerator(QemuConfig.Accelerator.KVM).withMemory(256));
        return Proc.untilLine(cmd, Duration.ofSeconds(15),
                line -> line.contains("Kernel panic") || line.contains("Run /ukl-no-init"));
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
