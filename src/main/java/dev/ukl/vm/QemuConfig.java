package dev.ukl.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Everything that decides QEMU's command line, as data. */
public record QemuConfig(
        Path kernel,
        Path initrd,
        String append,
        int memoryMb,
        int cpus,
        Accelerator accelerator,
        boolean icount,
        List<PortForward> forwards,
        Path qmpSocket) {

    public enum Accelerator {
        KVM, TCG;

        /** KVM when /dev/kvm can be opened for reading and writing, else TCG. */
        public static Accelerator detect() {
            Path kvm = Path.of("/dev/kvm");
            return Files.isReadable(kvm) && Files.isWritable(kvm) ? KVM : TCG;
        }
    }

    public static QemuConfig of(Path kernel, Path initrd, String append) {
        return new QemuConfig(kernel, initrd, append, 512, 1, Accelerator.TCG, false, List.of(), null);
    }

    public QemuConfig withIcount(boolean on) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, on ? Accelerator.TCG : accelerator, on,
                forwards, qmpSocket);
    }

    public QemuConfig withForwards(List<PortForward> f) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, List.copyOf(f), qmpSocket);
    }

    public QemuConfig withQmp(Path socket) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, forwards, socket);
    }

    public QemuConfig withAccelerator(Accelerator a) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, a, icount, forwards, qmpSocket);
    }

    public QemuConfig withMemory(int mb) {
        return new QemuConfig(kernel, initrd, append, mb, cpus, accelerator, icount, forwards, qmpSocket);
    }

    public QemuConfig withCpus(int n) {
        return new QemuConfig(kernel, initrd, append, memoryMb, n, accelerator, icount, forwards, qmpSocket);
    }
}
