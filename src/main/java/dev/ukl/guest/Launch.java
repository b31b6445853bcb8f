package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuPlugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user asks of one run of an app, whatever its form: the arguments (replacing the app's
 * own {@code args} when given), the environment, host files copied into the guest, the VM's
 * memory and CPUs, a port forward and extra kernel parameters. Every value is checked here,
 * before anything is built or booted.
 *
 * @param args       the app's arguments, or empty to keep the descriptor's
 * @param argsGiven  whether the user gave arguments (an empty list then means "none")
 * @param icount     a counted boot: QEMU's -icount, guest instructions instead of time (benchmarks)
 * @param console    the app writes to the console rather than to ttyS1/ttyS2 (an image for a
 *                   cluster, whose VM keeps only its console)
 * @param plugin     a QEMU TCG plugin for the boot (ukl profile), or null
 * @param tool       a Linux tool the app runs under in the guest (strace, perf, gdbserver), or NONE
 * @param debugPort  the host port forwarded to gdbserver's port in the guest (tool GDB), else 0
 */
public record Launch(List<String> args, boolean argsGiven, Map<String, String> env, List<Volume> volumes,
                     int memoryMb, int cpus, PortForward forward, List<String> kernelArgs, boolean icount,
                     boolean console, QemuPlugin plugin, Tool tool, int debugPort) {
    public static final int DEFAULT_MEMORY_MB = 512;
    /** The least memory a launch asks for: below it the guest kernel does not get far. */
    public static final int MIN_MEMORY_MB = 32;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([MG]?)(i?B)?", Pattern.CASE_INSENSITIVE);
    /** The guest kernel has CONFIG_NR_CPUS=4 (kernel/configs/base.config). */
    public static final int MAX_CPUS = 4;

    public Launch {
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        volumes = List.copyOf(volumes);
        kernelArgs = List.copyOf(kernelArgs);
        if ((tool == Tool.GDB) != (debugPort > 0) || debugPort > 65535) {
            throw new UklException("a debugger's port goes with gdbserver, and only with it");
        }
        if (memoryMb < MIN_MEMORY_MB) {
            throw new UklException("--memory " + memoryMb + "M is too small for the guest (at least " + MIN_MEMORY_MB
                    + "M)");
        }
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new UklException("--cpus " + cpus + ": the guest kernel supports 1 to " + MAX_CPUS + " CPUs");
        }
        for (String k : env.keySet()) {
            if (!ENV_NAME.matcher(k).matches()) {
                throw new UklException("-e " + k + ": not a variable name (letters, digits and _)");
            }
        }
        for (String a : kernelArgs) {
            if (a.isBlank() || a.chars().anyMatch(c -> c < 0x20 || c == '"')) {
                throw new UklException("--kernel-arg '" + a + "': one parameter, without quotes or control characters");
            }
        }
    }

    /** A run with nothing asked for: the app's own arguments, 512 MiB, one CPU. */
    public static Launch defaults() {
        return new Launch(List.of(), false, Map.of(), List.of(), DEFAULT_MEMORY_MB, 1, null, List.of(), false, false,
                null, Tool.NONE, 0);
    }

    /** The app gets exactly these arguments, in place of its descriptor's. */
    public Launch withArgs(List<String> a) {
        return new Launch(a, true, env, volumes, memoryMb, cpus, forward, kernelArgs, icount, console, plugin,
                tool, debugPort);
    }

    public Launch withForward(PortForward f) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, f, kernelArgs, icount, console, plugin,
                tool, debugPort);
    }

    public Launch withMemory(int mb) {
        return new Launch(args, argsGiven, env, volumes, mb, cpus, forward, kernelArgs, icount, console, plugin,
                tool, debugPort);
    }

    public Launch withIcount(boolean on) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, kernelArgs, on, console, plugin,
                tool, debugPort);
    }

    public Launch withKernelArgs(List<String> a) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, a, icount, console, plugin,
                tool, debugPort);
    }

    public Launch withPlugin(QemuPlugin p) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, kernelArgs, icount, console, p,
                tool, debugPort);
    }

    public Launch withConsoleOutput(boolean on) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, kernelArgs, icount, on, plugin,
                tool, debugPort);
    }

    /** A Linux tool the app runs under, in the guest, from the shell. */
    public enum Tool {
        NONE(null),
        /** strace -f: every system call, with arguments and results, on the app's stderr. */
        STRACE(Path.of("/usr/bin/strace")),
        /** perf record -e cpu-clock, then perf report's table on the app's stderr. */
        PERF(Path.of("/usr/bin/perf")),
        /** gdbserver: the app starts stopped, for a gdb on the host (see {@link #forwards()}). */
        GDB(Path.of("/usr/bin/gdbserver"));

        private final Path program;

        Tool(Path program) {
            this.program = program;
        }

        /**
         * The host's program (Debian's, a doctor prerequisite) that the guest image gets, with its
         * libraries, at the same path; null for NONE.
         */
        public Path program() {
            return program;
        }
    }

    /** The guest port gdbserver listens on. */
    public static final int GDBSERVER_PORT = 2345;

    public Launch withTool(Tool t) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, kernelArgs, icount, console, plugin,
                t, t == Tool.GDB ? debugPort : 0);
    }

    /** The app started stopped under gdbserver, whose port in the guest is forwarded to this host port. */
    public Launch withDebugger(int hostPort) {
        return new Launch(args, argsGiven, env, volumes, memoryMb, cpus, forward, kernelArgs, icount, console, plugin,
                Tool.GDB, hostPort);
    }

    /** The port forwards of the boot: the app's, and gdbserver's under a debugger. */
    public List<PortForward> forwards() {
        List<PortForward> all = new ArrayList<>();
        if (forward != null) {
            all.add(forward);
        }
        if (tool == Tool.GDB) {
            all.add(new PortForward(debugPort, GDBSERVER_PORT));
        }
        return List.copyOf(all);
    }

    /** The arguments the app gets: the user's, else the app descriptor's. */
    public List<String> argsFor(dev.ukl.app.App app) {
        return argsGiven ? args : app.args();
    }

    /** A host file or directory and where its copy goes in the guest. */
    public record Volume(Path host, String guest) {
        public Volume {
            if (!Files.exists(host)) {
                throw new UklException("-v " + host + ": no such file or directory");
            }
            if (!guest.startsWith("/") || guest.equals("/") || guest.contains("/../") || guest.endsWith("/..")
                    || guest.chars().anyMatch(c -> c < 0x20)) {
                throw new UklException("-v " + host + ":" + guest + ": the guest path must be absolute, not /, "
                        + "and without ..");
            }
        }

        /**
         * HOST[:GUEST]: without GUEST the copy goes to the host path made absolute. A colon
         * starts GUEST only when what follows it is an absolute path.
         */
        public static Volume parse(String spec) {
            int colon = spec.lastIndexOf(":/");
            String host = colon > 0 ? spec.substring(0, colon) : spec;
            Path h = Path.of(host).toAbsolutePath().normalize();
            String guest = colon > 0 ? spec.substring(colon + 1) : h.toString();
            return new Volume(h, guest);
        }
    }

    /** K=V, or K alone for the host's value of K. */
    public static Map.Entry<String, String> parseEnv(String spec, Function<String, String> hostEnv) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            String v = hostEnv.apply(spec);
            if (v == null) {
                throw new UklException("-e " + spec + ": not set here; give a value with -e " + spec + "=VALUE");
            }
            return Map.entry(spec, v);
        }
        if (eq == 0) {
            throw new UklException("-e " + spec + ": a variable needs a name (NAME=VALUE)");
        }
        return Map.entry(spec.substring(0, eq), spec.substring(eq + 1));
    }

    /** 512, 512M, 1G, 1GiB: mebibytes. */
    public static int parseMemory(String spec) {
        Matcher m = MEMORY.matcher(spec.strip());
        if (!m.matches()) {
            throw new UklException("--memory " + spec + ": give a size such as 512M or 1G");
        }
        long n = Long.parseLong(m.group(1));
        long mb = m.group(2).toUpperCase(Locale.ROOT).equals("G") ? n * 1024 : n;
        if (mb > 64 * 1024) {
            throw new UklException("--memory " + spec + ": more than 64G is more than this tool will give a guest");
        }
        return (int) mb;
    }

    /** Builds a Launch from the command line's raw values. */
    public static Launch of(List<String> args, boolean argsGiven, List<String> env, List<String> volumes,
                            Optional<String> memory, int cpus, PortForward forward, List<String> kernelArgs) {
        Map<String, String> e = new LinkedHashMap<>();
        for (String s : env) {
            Map.Entry<String, String> kv = parseEnv(s, System::getenv);
            e.put(kv.getKey(), kv.getValue());
        }
        List<Volume> v = new ArrayList<>();
        for (String s : volumes) {
            v.add(Volume.parse(s));
        }
        return new Launch(args, argsGiven, e, v, memory.map(Launch::parseMemory).orElse(DEFAULT_MEMORY_MB), cpus,
                forward, kernelArgs, false, false, null, Tool.NONE, 0);
    }
}
