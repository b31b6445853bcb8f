package dev.ukl.vm;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link QemuConfig} into QEMU's argument list. The serial console is QEMU's stdout,
 * the guest can end the VM with a status through the isa-debug-exit device at port 0xf4
 * (QEMU then exits with status*2+1), and a kernel panic ends QEMU instead of rebooting.
 */
public final class QemuCommand {
    public static final int DEBUG_EXIT_PORT = 0xf4;

    private QemuCommand() {
    }

    public static List<String> build(QemuConfig c) {
        List<String> a = new ArrayList<>();
        a.add("qemu-system-x86_64");
        a.addAll(List.of("-nodefaults", "-no-user-config", "-no-reboot", "-display", "none"));
        a.addAll(List.of("-machine", "q35"));
        if (c.accelerator() == QemuConfig.Accelerator.KVM) {
            a.addAll(List.of("-accel", "kvm", "-cpu", "host"));
        } else {
            // Under -icount the guest must not see host randomness, so counts repeat exactly.
            a.addAll(List.of("-accel", "tcg", "-cpu", c.icount() ? "max,rdrand=off,rdseed=off" : "max"));
        }
        if (c.icount()) {
            a.addAll(List.of("-icount", "shift=0,sleep=off"));
            // The guest's clock starts from a fixed date and follows the instruction count.
            a.addAll(List.of("-rtc", "base=2022-10-03T00:00:00,clock=vm"));
        }
        a.addAll(List.of("-m", c.memoryMb() + "M", "-smp", Integer.toString(c.cpus())));
        a.addAll(List.of("-kernel", c.kernel().toString()));
        if (c.initrd() != null) {
            a.addAll(List.of("-initrd", c.initrd().toString()));
        }
        a.addAll(List.of("-append", c.append()));
        a.addAll(List.of("-serial", "stdio"));
        for (java.nio.file.Path f : c.serialFiles()) {
            a.addAll(List.of("-serial", "file:" + f));
        }
        a.addAll(List.of("-monitor", "none"));
        a.addAll(List.of("-device", "isa-debug-exit,iobase=0x" + Integer.toHexString(DEBUG_EXIT_PORT) + ",iosize=0x04"));
        StringBuilder net = new StringBuilder("user,id=net0,restrict=on");
        for (PortForward f : c.forwards()) {
            net.append(',').append(f.hostfwd());
        }
        a.addAll(List.of("-netdev", net.toString(), "-device", "virtio-net-pci,netdev=net0"));
        if (c.plugin() != null) {
            a.addAll(List.of("-plugin", c.plugin().option()));
        }
        if (c.qmpSocket() != null) {
            a.addAll(List.of("-qmp", "unix:" + c.qmpSocket() + ",server=on,wait=off"));
        }
        return a;
    }

    /** The guest's status from QEMU's exit code when the guest ended through isa-debug-exit, else -1. */
    public static int guestStatus(int qemuExit) {
        return (qemuExit & 1) == 1 ? qemuExit >> 1 : -1;
    }
}
