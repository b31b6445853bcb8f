package dev.ukl.env;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks, and on request installs, the Debian packages the tool needs. */
public final class Doctor {
    /** Everything the pipeline uses, in the order a reader would look for it. */
    public static final List<Prerequisite> REQUIRED = List.of(
            new Prerequisite("gcc", "compiling the kernel, apps and guest programs"),
            new Prerequisite("libc6-dev", "static user programs for the guest"),
            new Prerequisite("gcc-multilib", "the 32-bit half of the kernel's x86 selftests"),
            new Prerequisite("make", "the kernel build"),
            new Prerequisite("flex", "the kernel's Kconfig parser"),
            new Prerequisite("bison", "the kernel's Kconfig parser"),
            new Prerequisite("bc", "the kernel build"),
            new Prerequisite("libelf-dev", "objtool in the kernel build"),
            new Prerequisite("libssl-dev", "the kernel's signing tools"),
            new Prerequisite("ccache", "fast kernel rebuilds"),
            new Prerequisite("git", "the kernel tree and its patch series"),
            new Prerequisite("perl", "the kernel's scripts (checkpatch.pl)"),
            new Prerequisite("xz-utils", "unpacking the kernel source"),
            new Prerequisite("cpio", "checking initramfs images"),
            new Prerequisite("qemu-system-x86", "booting guests"),
            new Prerequisite("busybox-static", "the guest's userspace"),
            new Prerequisite("strace", "tracing a UKL app in the guest (the UKL suite)"),
            new Prerequisite("linux-perf", "profiling a UKL app in the guest (the UKL suite)"),
            new Prerequisite("gdbserver", "debugging an app in the guest (ukl run --gdb)"),
            new Prerequisite("gdb", "debugging an app from the host (ukl run --gdb)"),
            new Prerequisite("linux-source-6.1", "the kernel source"),
            new Prerequisite("dpkg-dev", "apt-get source (musl and sqlite3 from Debian's source packages)"),
            new Prerequisite("musl-tools", "C apps as normal static musl programs (the baseline of the UKL runtime)"),
            new Prerequisite("tcl", "building the SQLite shell from its source package"),
            new Prerequisite("skopeo", "checking and copying the OCI images ukl image writes"),
            new Prerequisite("umoci", "unpacking OCI images as a cluster would (tests)"),
            new Prerequisite("docker-registry", "a registry on 127.0.0.1 for the push tests"),
            new Prerequisite("redis-tools", "redis-cli and redis-benchmark against the Redis sample"),
            new Prerequisite("fontconfig", "drawing the benchmark charts (XChart, headless AWT)"),
            new Prerequisite("fonts-dejavu-core", "drawing the benchmark charts (XChart, headless AWT)"));

    private final List<Prerequisite> prerequisites;

    public Doctor(List<Prerequisite> prerequisites) {
        this.prerequisites = List.copyOf(prerequisites);
    }

    public static Doctor standard() {
        return new Doctor(REQUIRED);
    }

    /** The prerequisites whose package is not installed. */
    public List<Prerequisite> missing() {
        Set<String> installed = installedPackages(prerequisites.stream().map(Prerequisite::debianPackage).toList());
        List<Prerequisite> out = new ArrayList<>();
        for (Prerequisite p : prerequisites) {
            if (!installed.contains(p.debianPackage())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The exact command that installs the given prerequisites. */
    public static String installCommand(List<Prerequisite> missing) {
        StringBuilder sb = new StringBuilder("apt-get install -y");
        for (Prerequisite p : missing) {
            sb.append(' ').append(p.debianPackage());
        }
        return sb.toString();
    }

    /** Prints one line per missing prerequisite; returns whether all are present. */
    public boolean report(PrintWriter out) {
        List<Prerequisite> missing = missing();
        for (Prerequisite p : missing) {
            out.println("missing: " + p.debianPackage() + " (for " + p.purpose() + "); install: apt-get install -y "
                    + p.debianPackage());
        }
        if (missing.isEmpty()) {
            out.println("all " + prerequisites.size() + " prerequisites are installed");
        }
        return missing.isEmpty();
    }

    /** Installs whatever is missing with apt-get. */
    public void install(PrintWriter out, Path logDir) {
        List<Prerequisite> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        if (!isRoot()) {
            throw new UklException("installing needs root; run as root: " + installCommand(missing));
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UklException("cannot create " + logDir + ": " + e.getMessage());
        }
        Path log = logDir.resolve("apt-get.log");
        out.println("installing: " + String.join(" ", missing.stream().map(Prerequisite::debianPackage).toList()));
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Path updateLog = logDir.resolve("apt-get-update.log");
        Proc.stream(null, List.of("apt-get", "update", "-q"), env, updateLog, l -> { });
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        missing.forEach(p -> cmd.add(p.debianPackage()));
        int rc = Proc.stream(null, cmd, env, log, l -> { });
        if (rc != 0) {
            throw new UklException("apt-get install failed", log, Proc.tail(log, 20));
        }
        List<Prerequisite> still = missing();
        if (!still.isEmpty()) {
            throw new UklException("still missing after install: " + installCommand(still), log);
        }
    }

    /** Fails with one line naming the install command, or installs when allowed. */
    public void ensure(boolean autoInstall, PrintWriter out, Path logDir) {
        List<Prerequisite> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        if (autoInstall && isRoot()) {
            install(out, logDir);
            return;
        }
        throw new UklException("missing prerequisites; install them with: " + installCommand(missing));
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static Set<String> installedPackages(List<String> names) {
        List<String> cmd = new ArrayList<>(List.of("dpkg-query", "-W", "-f", "${db:Status-Status} ${Package}\\n"));
        cmd.addAll(names);
        Set<String> installed = new TreeSet<>();
        if (!Proc.onPath("dpkg-query")) {
            throw new UklException("dpkg-query not found: ukl needs a Debian system");
        }
        Proc.Result r = Proc.run(null, cmd);
        for (String line : r.output().split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[0].equals("installed")) {
                installed.add(parts[1].replaceFirst(":.*", ""));
            }
        }
        return installed;
    }
}
