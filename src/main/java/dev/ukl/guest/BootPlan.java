package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.QemuPlugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One boot, described completely: its name (which names its files: initramfs, console log, QMP
 * socket), the kernel it needs (a request the executor builds), the initramfs, the kernel command line, the QEMU settings beyond the common
 * ones, and the console line that says the guest is ready. Planners make it (an app in a form:
 * {@link AppRunner#plan}; a guest suite: GuestTests; a benchmark: ServerCount, SqliteBench),
 * the decorations every boot may need (CPUs, memory, -icount, a plugin, port forwards, kernel
 * parameters) are functions over it, and {@link BootExecutor#start} boots it. Reading what the
 * guest printed is the caller's: a plan says how to start, not what a result means.
 *
 * @param settings QEMU settings over the common ones ({@link Pipeline#qemu}), applied in order
 * @param ready    the console line waited for before the boot counts as started, or null
 */
public record BootPlan(String name, KernelRequest kernel, Initramfs initramfs, String append,
                       UnaryOperator<QemuConfig> settings, Ready ready) {
    public BootPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initramfs, "initramfs");
        Objects.requireNonNull(settings, "settings");
        requireFits(append, null);
    }

    /** x86's COMMAND_LINE_SIZE, the terminating NUL included. */
    static final int COMMAND_LINE_SIZE = 2048;

    /** Where the boot's initramfs comes from: an image to write, or one already written. */
    @FunctionalInterface
    public interface Initramfs {
        /** The initramfs, written to {@code file} if it is not written yet; returns its path. */
        Path writeTo(Path file);

        static Initramfs of(GuestImage image) {
            return image::write;
        }

        static Initramfs written(Path initrd) {
            return file -> initrd;
        }
    }

    /** A console line that says the guest is ready, what it means (for the error), and how long to wait. */
    public record Ready(Pattern line, String what, Duration within) {
    }

    /** A guest whose image holds its job: the common command line, nothing waited for. */
    public static BootPlan job(String name, KernelRequest kernel, GuestImage image) {
        return new BootPlan(name, kernel, Initramfs.of(image), Pipeline.APPEND, c -> c, null);
    }

    /** The plan with one more QEMU setting, applied after the ones it has. */
    public BootPlan withQemu(UnaryOperator<QemuConfig> more) {
        UnaryOperator<QemuConfig> before = settings;
        return new BootPlan(name, kernel, initramfs, append, c -> more.apply(before.apply(c)), ready);
    }

    public BootPlan withCpus(int cpus) {
        return withQemu(c -> c.withCpus(cpus));
    }

    public BootPlan withMemory(int mb) {
        return withQemu(c -> c.withMemory(mb));
    }

    /** A counted boot: QEMU's -icount, guest instructions instead of time. */
    public BootPlan withIcount(boolean on) {
        return withQemu(c -> c.withIcount(on));
    }

    /** A QEMU TCG plugin for the boot (a profile's counts), or none when null. */
    public BootPlan withPlugin(QemuPlugin plugin) {
        return withQemu(c -> c.withPlugin(plugin));
    }

    public BootPlan withForwards(List<PortForward> forwards) {
        return withQemu(c -> c.withForwards(forwards));
    }

    /** The app's stdout and stderr to files on the host, through ttyS1 and ttyS2. */
    public BootPlan withSerialFiles(List<Path> files) {
        return withQemu(c -> c.withSerialFiles(files));
    }

    /** Kernel parameters, before a " -- " that starts init's arguments; the whole line must fit. */
    public BootPlan withKernelArgs(List<String> kernelArgs) {
        return new BootPlan(name, kernel, initramfs, appended(append, kernelArgs), settings, ready);
    }

    /** A command line with kernel parameters put before a " -- " that starts init's arguments. */
    public static String appended(String append, List<String> kernelArgs) {
        if (kernelArgs.isEmpty()) {
            return append;
        }
        String extra = String.join(" ", kernelArgs);
        int dashes = append.indexOf(" -- ");
        String line = dashes < 0 ? append + " " + extra
                : append.substring(0, dashes) + " " + extra + append.substring(dashes);
        requireFits(line, null);
        return line;
    }

    /** Refuses a kernel command line the kernel would cut short, with the caller's advice if any. */
    static void requireFits(String line, String advice) {
        if (line.length() >= COMMAND_LINE_SIZE) {
            throw new UklException("the kernel command line holds " + (COMMAND_LINE_SIZE - 1)
                    + " characters; this one would be " + line.length() + (advice == null ? "" : " (" + advice + ")"));
        }
    }

    /** Waits for a console line before the boot counts as started. */
    public BootPlan readyAt(Pattern line, String what, Duration within) {
        return new BootPlan(name, kernel, initramfs, append, settings, new Ready(line, what, within));
    }
}
