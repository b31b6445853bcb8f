package dev.ukl.bench;

import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Form;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.profile.ProfilePlugin;
import dev.ukl.profile.Symbols;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.QemuPlugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * {@code ukl bench boot}: what booting an app costs in each form, the figures unikernels are
 * compared by. For each form: the kernel image the form boots (bzImage, with the app linked in for
 * the UKL forms) and its initramfs, in bytes; the guest instructions from the first one QEMU runs
 * (firmware included) to the app's first {@code listen()} (the kernel's {@code __x64_sys_listen},
 * marked by the ukl-boot plugin under -icount), or for a command-line program (an app without a
 * port) to the VM's power-off after the app ended; and the smallest {@code --memory} the app starts
 * and accepts a connection in, or runs to its end in with the status it has in the most memory.
 */
public final class BootBench {
    /** The kernel function whose first run marks the app ready: its first listen(). */
    static final String READY_SYMBOL = "__x64_sys_listen";
    /** The memory searched, in MiB: from the smallest a launch takes to what every sample fits in. */
    static final int MEMORY_CEILING_MB = 512;

    /**
     * One form's figures: bytes of kernel and initramfs, instructions to ready, and the memory
     * floor (null when not searched; {@code floorMb} the smallest that served, {@code failedMb}
     * the largest that did not, 0 when even the smallest served).
     */
    public record FormResult(String form, String describe, long kernelBytes, long initrdBytes,
                             long instructionsToReady, Integer floorMb, Integer failedMb, String notRun,
                             boolean toEnd, Double wallMsToReady) {
        public long imageBytes() {
            return kernelBytes + initrdBytes;
        }

        /** A form that cannot run this app (as init, an argument the kernel command line cannot carry). */
        static FormResult notRun(Form form, String why) {
            return new FormResult(form.label(), form.describe(), 0, 0, 0, null, null, why, false, null);
        }
    }

    /** Every form of one app. */
    public record Result(String app, int port, List<FormResult> forms) {
    }

    private final Pipeline pipeline;
    private final int floorStepMb;
    /** Where KVM boots the guests, it; else null, and no wall-clock figure. */
    private QemuConfig.Accelerator wallClock;

    /** {@code floorStepMb} the memory floor's resolution, or 0 not to search it. */
    public BootBench(Pipeline pipeline, int floorStepMb) {
        this.pipeline = pipeline;
        this.floorStepMb = floorStepMb;
    }

    /**
     * Whether an app is measured to its end: a command-line program, which has no port. A server
     * without a port in a ukl.properties would never end: give it one with --port.
     */
    static boolean toEnd(App app) {
        return app.port() == 0;
    }

    /**
     * Also the wall time from QEMU's start to ready, where {@code accelerator} is KVM: a boot at
     * hardware speed, without -icount (under TCG the time would measure the emulation, and there
     * is no such figure).
     */
    public BootBench withWallClock(QemuConfig.Accelerator accelerator) {
        this.wallClock = accelerator == QemuConfig.Accelerator.KVM ? accelerator : null;
        return this;
    }

    public Result run(App app, List<Form> forms, PrintStream echo) {
        List<FormResult> results = new ArrayList<>();
        for (Form form : forms) {
            results.add(run(app, form, echo));
        }
        return new Result(app.name(), app.port(), results);
    }

    private FormResult run(App app, Form form, PrintStream echo) {
        AppRunner runner = new AppRunner(pipeline).bootTimeout(Duration.ofMinutes(3));
        AppRunner.Prepared prepared;
        try {
            prepared = runner.prepare(app, form, Launch.defaults());
        } catch (UklException e) {
            if (e.getCause() != null || e.log() != null) {
                throw e;
            }
            pipeline.out().println("bench boot: " + app.name() + " " + form.label() + " cannot run: " + e.getMessage());
            return FormResult.notRun(form, e.getMessage());
        }
        Path kernel = prepared.boot().kernel();
        long ready = new Symbols().add(KernelBuilder.vmlinuxOf(kernel)).addressOf(READY_SYMBOL)
                .orElseThrow(() -> new UklException("the kernel " + kernel + " has no " + READY_SYMBOL));
        Path counts = pipeline.project().build().resolve("bench/boot-" + app.name() + "-" + form.label() + ".counts");
        QemuPlugin plugin = ProfilePlugin.boot(pipeline.project())
                .freshOutput(counts, Map.of("ready", Long.toHexString(ready)), pipeline.out());
        boolean toEnd = toEnd(app);
        pipeline.out().println("bench boot: " + app.name() + " " + form.describe()
                + (toEnd ? ", counting instructions to its end" : ", counting instructions to its first listen()"));
        pipeline.out().flush();
        try (RunningApp r = runner.boot(prepared, Launch.defaults().withIcount(true).withPlugin(plugin), echo)) {
            // the form's readiness may come before the first listen() (an app as init without a
            // ready line is ready when it starts): the plugin's mark is what counts; a command-line
            // program ends the VM, and the plugin counts to QEMU's exit
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while ((toEnd || !marked(counts)) && r.vm().isAlive() && System.nanoTime() < deadline) {
                sleep();
            }
            if (toEnd && r.vm().isAlive()) {
                throw new UklException(app.name() + " " + form.label() + " did not end within 3 minutes: an app "
                        + "without a port is measured to its end (a server needs its port, --port)");
            }
            r.vm().close();
        }
        long instructions = toEnd ? readTotal(counts) : readCounts(counts);
        Integer floor = null;
        Integer failed = null;
        if (floorStepMb > 0) {
            IntPredicate serves = new FloorProbe(app, form, echo);
            int[] f = memoryFloor(serves, Launch.MIN_MEMORY_MB, MEMORY_CEILING_MB, floorStepMb);
            floor = f[0];
            failed = f[1];
        }
        try {
            return new FormResult(form.label(), form.describe(), Files.size(kernel),
                    Files.size(prepared.initrd()), instructions, floor, failed, null, toEnd,
                    wallClock == null ? null : wallToReady(runner, prepared, app, toEnd, echo));
        } catch (IOException e) {
            throw new UklException("cannot read the size of " + kernel + ": " + e.getMessage(), e);
        }
    }

    /** Whether the plugin has written the count at the mark. */
    private static boolean marked(Path counts) {
        try {
            return Files.readAllLines(counts).stream().anyMatch(l -> l.startsWith("ready ") && !l.equals("ready -"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The instructions to the mark, from the plugin's counts; a boot that never reached it is an error. */
    static long readCounts(Path counts) {
        List<String> lines;
        try {
            lines = Files.readAllLines(counts);
        } catch (IOException e) {
            throw new UklException("the boot plugin wrote no counts: the guest never reached " + READY_SYMBOL
                    + " (" + counts + ")", e);
        }
        return parseCounts(lines, counts.toString());
    }

    /** The instructions to QEMU's exit, from the plugin's counts (a command-line program's run). */
    static long readTotal(Path counts) {
        try {
            return parseTotal(Files.readAllLines(counts), counts.toString());
        } catch (IOException e) {
            throw new UklException("the boot plugin wrote no counts (" + counts + ")", e);
        }
    }

    /** The total line, which the plugin writes when QEMU exits normally (the guest powered off). */
    static long parseTotal(List<String> lines, String where) {
        for (String l : lines) {
            String[] w = l.trim().split("\\s+");
            if (w.length == 2 && w[0].equals("total")) {
                return Long.parseLong(w[1]);
            }
        }
        throw new UklException("the boot plugin counted no total: QEMU did not exit normally (" + where + ")");
    }

    static long parseCounts(List<String> lines, String where) {
        for (String l : lines) {
            String[] w = l.trim().split("\\s+");
            if (w.length == 2 && w[0].equals("ready") && !w[1].equals("-")) {
                return Long.parseLong(w[1]);
            }
        }
        throw new UklException("the guest never reached " + READY_SYMBOL + " (" + where + ")");
    }

    /**
     * The smallest memory in [low, high] that serves, to {@code step} MiB, assuming more memory
     * never hurts: {smallest that served, largest that did not (0 when {@code low} served)};
     * {null, high} when even {@code high} did not.
     */
    static int[] memoryFloor(IntPredicate serves, int low, int high, int step) {
        if (!serves.test(high)) {
            return new int[] {0, high};
        }
        if (serves.test(low)) {
            return new int[] {low, 0};
        }
        int bad = low;
        int good = high;
        while (good - bad > step) {
            int mid = bad + (good - bad) / 2;
            if (serves.test(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return new int[] {good, bad};
    }

    /** How long the first boot of the memory search may take to start the app. */
    static final Duration FIRST_START_LIMIT = Duration.ofMinutes(2);

    /**
     * How long the search's later boots may take to start the app: three times what the boot with
     * the most memory took (building included), from 20 s to {@link #FIRST_START_LIMIT}.
     */
    static Duration floorStartLimit(Duration served) {
        Duration three = served.multipliedBy(3);
        Duration least = Duration.ofSeconds(20);
        return three.compareTo(least) < 0 ? least : three.compareTo(FIRST_START_LIMIT) > 0 ? FIRST_START_LIMIT : three;
    }

    /**
     * The boots of one memory search, for one app in one form: whether the app serves in a given
     * memory. The boot with the most memory (the search's first) sets what the others must do: start
     * within three times its time (a boot that hangs for want of memory waits out its start limit),
     * and for a command-line program end with its status.
     */
    private final class FloorProbe implements IntPredicate {
        private final App app;
        private final Form form;
        private final PrintStream echo;
        private Duration limit = FIRST_START_LIMIT;
        private Integer statusWithMostMemory;

        FloorProbe(App app, Form form, PrintStream echo) {
            this.app = app;
            this.form = form;
            this.echo = echo;
        }

        @Override
        public boolean test(int mb) {
            long t0 = System.nanoTime();
            boolean ok;
            if (toEnd(app)) {
                Integer status = runToItsEnd(app, form, mb, limit, echo);
                if (mb == MEMORY_CEILING_MB) {
                    statusWithMostMemory = status;
                }
                ok = status != null && status.equals(statusWithMostMemory);
            } else {
                ok = serves(app, form, mb, limit, echo);
            }
            if (ok && mb == MEMORY_CEILING_MB) {
                limit = floorStartLimit(Duration.ofNanos(System.nanoTime() - t0));
            }
            return ok;
        }
    }

    /** Whether the app starts in {@code mb} MiB within the limit and accepts a connection from the host. */
    private boolean serves(App app, Form form, int mb, Duration startLimit, PrintStream echo) {
        int hostPort = PortForward.freeLoopbackPort();
        Launch launch = Launch.defaults().withMemory(mb).withForward(new PortForward(hostPort, app.port()));
        pipeline.out().println("bench boot: " + app.name() + " " + form.label() + " in " + mb + " MiB");
        pipeline.out().flush();
        try (RunningApp r = new AppRunner(pipeline).bootTimeout(startLimit)
                .start(app, form, launch, echo)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && r.vm().isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", hostPort), 2000);
                    return true;
                } catch (IOException e) {
                    sleep();
                }
            }
            return false;
        } catch (UklException e) {
            return false;
        }
    }

    /**
     * Milliseconds from the boot's start (QEMU started, the kernel and initramfs built) to a
     * server's first accepted connection from the host, or to a command-line program's end.
     */
    private double wallToReady(AppRunner runner, AppRunner.Prepared prepared, App app, boolean toEnd,
                               PrintStream echo) {
        int hostPort = toEnd ? 0 : PortForward.freeLoopbackPort();
        Launch launch = toEnd ? Launch.defaults() : Launch.defaults().withForward(new PortForward(hostPort, app.port()));
        pipeline.out().println("bench boot: " + app.name() + ", wall time to ready under " + wallClock);
        pipeline.out().flush();
        long t0 = System.nanoTime();
        try (RunningApp r = runner.boot(prepared, launch, echo)) {
            if (toEnd) {
                r.awaitExit(Duration.ofMinutes(3), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
                return (System.nanoTime() - t0) / 1e6;
            }
            long deadline = t0 + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline && r.vm().isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", hostPort), 1000);
                    return (System.nanoTime() - t0) / 1e6;
                } catch (IOException e) {
                    sleep();
                }
            }
            throw new UklException(app.name() + " accepted no connection within 3 minutes under " + wallClock);
        }
    }

    /** The exit status of a command-line program run to its end in {@code mb} MiB, or null when it did not. */
    private Integer runToItsEnd(App app, Form form, int mb, Duration startLimit, PrintStream echo) {
        pipeline.out().println("bench boot: " + app.name() + " " + form.label() + " in " + mb + " MiB");
        pipeline.out().flush();
        try (RunningApp r = new AppRunner(pipeline).bootTimeout(startLimit)
                .start(app, form, Launch.defaults().withMemory(mb), echo)) {
            return r.awaitExit(startLimit, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        } catch (UklException e) {
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The table: one row per app and form, each figure with its unit. */
    public static String table(List<Result> results) {
        boolean wall = results.stream().flatMap(r -> r.forms().stream()).anyMatch(f -> f.wallMsToReady() != null);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s %-10s %12s %12s %12s %22s %10s%s%n", "app", "form", "kernel B",
                "initramfs B", "image B", "instr. to ready", "memory",
                wall ? String.format(Locale.ROOT, " %14s", "wall to ready") : ""));
        for (Result r : results) {
            long base = r.forms().stream().filter(f -> f.form().equals(Form.USER.label()) && f.notRun() == null).mapToLong(
                    FormResult::instructionsToReady).findFirst().orElse(0);
            for (FormResult f : r.forms()) {
                if (f.notRun() != null) {
                    b.append(String.format(Locale.ROOT, "%-12s %-10s not run: %s%n", r.app(), f.form(), f.notRun()));
                    continue;
                }
                String ratio = base > 0 && !f.form().equals(Form.USER.label())
                        ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * f.instructionsToReady() / base) : "";
                b.append(String.format(Locale.ROOT, "%-12s %-10s %12d %12d %12d %22s %10s%s%n", r.app(), f.form(),
                        f.kernelBytes(), f.initrdBytes(), f.imageBytes(),
                        String.format(Locale.ROOT, "%,d", f.instructionsToReady()) + ratio + (f.toEnd() ? " end" : ""),
                        memory(f), !wall ? "" : String.format(Locale.ROOT, " %14s", f.wallMsToReady() == null ? "-"
                                : String.format(Locale.ROOT, "%.1f ms", f.wallMsToReady()))));
            }
        }
        b.append("instructions: guest instructions under -icount from QEMU's first (firmware included) to the"
                + " kernel's first " + READY_SYMBOL + " (the app's first listen()), or, marked end, for a"
                + " command-line program (no port) to QEMU's exit after the app ended and the guest powered off;"
                + " memory: the smallest --memory in which the app started and accepted a connection from the host,"
                + " or ran to its end with the status it had in " + MEMORY_CEILING_MB + " MiB"
                + (wall ? "; wall to ready: from QEMU's start under KVM, without -icount, to the host's first"
                + " accepted connection or the program's end" : "; no wall time to ready: only where KVM boots the"
                + " guests") + "\n");
        return b.toString();
    }

    static String memory(FormResult f) {
        if (f.floorMb() == null) {
            return "-";
        }
        if (f.floorMb() == 0) {
            return ">" + f.failedMb() + "M";
        }
        return f.failedMb() == 0 ? "<=" + f.floorMb() + "M" : f.floorMb() + "M";
    }
}
