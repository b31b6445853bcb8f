package dev.ukl.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides QEMU's command line, as data. {@code serialFiles} are serial ports
 * after the console (ttyS1, ttyS2, ...) whose output QEMU writes to those files; {@code plugin}
 * a TCG plugin, or null.
 */
public record QemuConfig(
        Path kernel,
        Path initrd,
        String append,
        int memoryMb,
        int cpus,
        Accelerator accelerator,
        boolean icount,
        List<PortForward> forwards,
        Path qmpSocket,
        List<Path> serialFiles,
        QemuPlugin plugin) {

    /** The guest's serial ports: ttyS0 is the console, up to three more (the 8250 driver's four). */
    public static final int MAX_SERIAL_FILES = 3;

    public QemuConfig {
        forwards = List.copyOf(forwards);
        serialFiles = List.copyOf(serialFiles);
        if (serialFiles.size() > MAX_SERIAL_FILES) {
            throw new IllegalArgumentException("at most " + MAX_SERIAL_FILES + " serial ports besides the console");
        }
    }

    public enum Accelerator {
        KVM, TCG;

        /** KVM when /dev/kvm can be opened for reading and writing, else TCG. */
        public static Accelerator detect() {
            Path kvm = Path.of("/dev/kvm");
            return Files.isReadable(kvm) && Files.isWritable(kvm) ? KVM : TCG;
        }
    }

    public static QemuConfig of(Path kernel, Path initrd, String append) {
        return new QemuConfig(kernel, initrd, append, 512, 1, Accelerator.TCG, false, List.of(), null, List.of(), null);
    }

    public QemuConfig withIcount(boolean on) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, on ? Accelerator.TCG : accelerator, on,
                forwards, qmpSocket, serialFiles, plugin);
    }

    public QemuConfig withForwards(List<PortForward> f) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, f, qmpSocket, serialFiles,
                plugin);
    }

    public QemuConfig withQmp(Path socket) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, forwards, socket,
                serialFiles, plugin);
    }

    public QemuConfig withAccelerator(Accelerator a) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, a, icount, forwards, qmpSocket, serialFiles,
                plugin);
    }

    public QemuConfig withMemory(int mb) {
        return new QemuConfig(kernel, initrd, append, mb, cpus, accelerator, icount, forwards, qmpSocket, serialFiles,
                plugin);
    }

    public QemuConfig withCpus(int n) {
        return new QemuConfig(kernel, initrd, append, memoryMb, n, accelerator, icount, forwards, qmpSocket,
                serialFiles, plugin);
    }

    public QemuConfig withSerialFiles(List<Path> files) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, forwards, qmpSocket,
                files, plugin);
    }

    /** A TCG plugin for the boot (profiling); null for none. */
    public QemuConfig withPlugin(QemuPlugin p) {
        return new QemuConfig(kernel, initrd, append, memoryMb, cpus, accelerator, icount, forwards, qmpSocket,
                serialFiles, p);
    }

    /** The kernel command line with more parameters after it. */
    public QemuConfig withMoreAppend(List<String> params) {
        String line = params.isEmpty() ? append : append + " " + String.join(" ", params);
        return new QemuConfig(kernel, initrd, line, memoryMb, cpus, accelerator, icount, forwards, qmpSocket,
                serialFiles, plugin);
    }
}
