package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Launch;
import dev.ukl.vm.PortForward;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What run and image both take: the form, the environment, files, memory, CPUs, kernel parameters. */
final class LaunchOptions {
    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "Set a variable in the app's "
            + "environment; NAME alone passes this shell's value.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST[:GUEST]", description = "Copy a host file or directory "
            + "into the guest at GUEST (default: the same absolute path). A copy: what the app writes there "
            + "stays in the guest.")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "The guest's memory, e.g. 512M or 1G "
            + "(default: 512M).")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1",
            description = "The guest's CPUs, 1 to " + Launch.MAX_CPUS + " (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--kernel-arg", paramLabel = "PARAM", description = "Add a parameter to the guest kernel's "
            + "command line.")
    List<String> kernelArgs = new ArrayList<>();

    @Option(names = "--userspace", description = "Run the app as a normal user program on the plain kernel "
            + "(the baseline) instead of as the UKL app.")
    boolean userspace;

    @Option(names = "--as-init", description = "Start the UKL app as init (PID 1) instead of from a shell in a "
            + "normal userspace. Its arguments and variables then travel on the kernel command line, and "
            + "its stderr is its stdout (both are the console).")
    boolean asInit;

    @Option(names = "--bare", description = "With --as-init: an initramfs with the app's volumes and nothing else "
            + "(no busybox, no shell, about 1.2 MB less), for an app that runs no other program.")
    boolean bare;

    Form form() {
        if (userspace && asInit) {
            throw new UklException("--as-init starts the UKL app as init; it does not go with --userspace");
        }
        if (bare && !asInit) {
            throw new UklException("--bare goes with --as-init: from a shell the app needs the userspace");
        }
        return userspace ? Form.USER : !asInit ? Form.UKL_SHELL
                : bare ? Form.UKL_BARE : Form.UKL_INIT;
    }

    /**
     * An image fixes the app's form, environment, files and kernel command line; only the
     * guest's resources are chosen when it boots.
     */
    void refuseWithImage() {
        List<String> given = new ArrayList<>();
        if (!env.isEmpty()) {
            given.add("-e");
        }
        if (!volumes.isEmpty()) {
            given.add("-v");
        }
        if (!kernelArgs.isEmpty()) {
            given.add("--kernel-arg");
        }
        if (userspace) {
            given.add("--userspace");
        }
        if (asInit) {
            given.add("--as-init");
        }
        if (bare) {
            given.add("--bare");
        }
        if (!given.isEmpty()) {
            throw new UklException("--image boots what the image holds: its form, environment, files and kernel "
                    + "command line are fixed when 'ukl image' makes it; " + String.join(", ", given)
                    + " cannot change them (give them to 'ukl image')");
        }
    }

    Launch launch(List<String> args, PortForward forward) {
        return Launch.of(args, !args.isEmpty(), env, volumes, Optional.ofNullable(memory), cpus, forward, kernelArgs);
    }
}
