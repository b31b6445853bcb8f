package dev.ukl.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        List<String> cmd = List.of("qemu-system-x86_64", "-accel", "kvm", "-cpu", "host", "-machine", "q35",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot", "-m", "256M",
                "-kernel", kernel.toString(), "-append", "console=ttyS0 panic=-1 rdinit=/ukl-no-init init=/ukl-no-init",
                "-serial", "stdio", "-monitor", "none");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            Thread t = new Thread(() -> {
                try {
                    p.waitFor(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            });
            t.setDaemon(true);
            t.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("Kernel panic") || line.contains("Run /ukl-no-init")) {
                        p.destroyForcibly();
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
