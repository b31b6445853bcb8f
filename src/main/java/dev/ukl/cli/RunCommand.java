package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Boot;
import dev.ukl.guest.Debugger;
import dev.ukl.guest.ImageBoot;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.util.Proc;
import dev.ukl.vm.GuestException;
import dev.ukl.vm.PortForward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build what is missing and boot a kernel running the app (as the UKL app by default), "
                + "with the arguments after --.",
                "The app's stdout and stderr are this command's (the guest's boot messages go to the console "
                        + "log; --console shows them) and its exit status is this command's: 0-255 as the app "
                        + "gave it, 128+N when signal N ended it. Statuses of ukl's own: 124 when the guest or the "
                        + "app ran past its time limit, 125 when ukl could not start the guest (build, image, "
                        + "options), 126 when the guest failed (its kernel panicked, or it ended without the app's "
                        + "status). Ctrl-C shuts the VM down."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0-123:the app's status (128+N: signal N)", "124:time limit passed",
                "125:ukl could not start the guest", "126:the guest failed"})
public final class RunCommand implements Callable<Integer> {
    /** ukl could not start the guest: the app did not build, an option was wrong, QEMU would not start. */
    public static final int NOT_STARTED = 125;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "The app: a directory of C sources, a directory whose "
            + "Makefile builds UKL.a (and a userspace target), a Java app (a Maven project whose ukl.properties "
            + "names its main class, or a jar with a Main-Class), or a prebuilt archive (UKL.a, or what "
            + "'ukl cc' linked).")
    Path app;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the app (after --); they "
            + "replace the app's own (args in ukl.properties).")
    List<String> args = new ArrayList<>();

    @Mixin
    LaunchOptions options = new LaunchOptions();

    @Option(names = "--image", paramLabel = "FILE", description = "Boot an OCI image that 'ukl image' wrote, as a "
            + "cluster would: its kernel and initramfs, its command line; the app, its form, arguments, "
            + "environment and files are the image's (give no APP, -e, -v, --kernel-arg, --userspace or --as-init).")
    Path image;

    @Option(names = "--port", paramLabel = "HOST:GUEST",
            description = "Forward 127.0.0.1:HOST to the guest's port GUEST (default: the app's port).")
    String port;

    @Option(names = "--strace", description = "Run the app under strace -f in the guest: every system call, "
            + "with its arguments and result, on stderr (the UKL app's too).")
    boolean strace;

    @Option(names = "--perf", description = "Run the app under perf record (cpu-clock samples) in the guest, "
            + "then print perf report's table on stderr, naming the UKL app's functions by their own names.")
    boolean perf;

    @Option(names = "--gdb", description = "Start the app stopped under gdbserver in the guest, and the host's gdb "
            + "on it: the app's symbols (the user program, or the vmlinux the UKL app is linked into; build the app "
            + "with -g for lines and variables), connected. In the UKL app use hbreak for breakpoints of your own: "
            + "its code is kernel text, which takes hardware breakpoints only (gdb's own for next and finish are "
            + "made hardware ones). This command's status is then gdbserver's.")
    boolean gdb;

    @Option(names = "--gdb-batch", paramLabel = "SCRIPT", description = "As --gdb, gdb running the commands of "
            + "SCRIPT without a prompt (gdb -batch -nx -x SCRIPT); its transcript on stdout.")
    Path gdbBatch;

    @Option(names = "--console", description = "Show the guest's serial console (on stderr).")
    boolean console;

    @Option(names = "--boot-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up if the app has not started after this long (default: ${DEFAULT-VALUE}).")
    int bootTimeout;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop the VM if the app has not ended this long after its start (default: no limit).")
    int timeout;

    /** The launch of an app run under a debugger, else null. */
    private Launch debugged;

    private boolean debugging() {
        return gdb || gdbBatch != null;
    }

    /**
     * gdb on the host, on this terminal, while the app's output is copied as usual; when gdb ends
     * (the app ended, or gdb killed it on quitting), the VM ends with gdbserver. The caller closes
     * the VM.
     */
    private int debug(RunningApp r, Debugger debugger, PrintWriter err) {
        err.println("ukl: the app waits for gdb under gdbserver (127.0.0.1:" + debugger.hostPort() + "), symbols from "
                + debugger.symbols());
        err.flush();
        int[] status = {-1};
        RuntimeException[] failure = {null};
        Thread output = new Thread(() -> {
            try {
                status[0] = r.awaitExit(Duration.ZERO, System.out, System.err);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "app-output");
        output.setDaemon(true);
        output.start();
        try {
            int gdbStatus = Proc.interactive(debugger.command(gdbBatch));
            output.join(Duration.ofSeconds(60).toMillis());
            if (output.isAlive()) {
                err.println("ukl: gdb ended (status " + gdbStatus + ") but the guest did not; stopping the VM");
                r.vm().shutdown();
                output.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        err.println("ukl: gdbserver exited with status " + status[0]);
        return status[0];
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunningApp running;
        try {
            if (timeout < 0 || bootTimeout <= 0) {
                throw new UklException("--timeout and --boot-timeout take a number of seconds");
            }
            Pipeline pipeline = new Pipeline(Project.locate(), err);
            AppRunner runner = new AppRunner(pipeline).bootTimeout(Duration.ofSeconds(bootTimeout));
            PrintStream echo = console ? System.err : null;
            String what;
            PortForward forward;
            if (image != null) {
                if (app != null || !args.isEmpty()) {
                    throw new UklException("--image boots the app the image holds, with its arguments; give no APP "
                            + "or arguments");
                }
                options.refuseWithImage();
                if (strace || perf || debugging()) {
                    throw new UklException("--image boots what the image holds: --strace, --perf and --gdb need "
                            + "the app (give APP instead)");
                }
                PortForward asked = port != null ? PortForward.parse(port) : null;
                pipeline.ensurePrerequisites();
                ImageBoot.Unpacked unpacked = ImageBoot.prepare(image, pipeline.project().build()
                        .resolve("images").resolve("oci-" + image.getFileName()));
                forward = asked != null ? asked
                        : unpacked.port() > 0 ? new PortForward(unpacked.port(), unpacked.port()) : null;
                Launch launch = options.launch(List.of(), forward);
                if (forward != null) {
                    forward.checkFree();
                }
                running = runner.boot(unpacked.prepared(), launch, echo);
                what = image.getFileName() + " is running from its image";
            } else {
                if (app == null) {
                    throw new UklException("give the app to run (or --image FILE)");
                }
                App a = App.load(app);
                Form form = options.form();
                forward = port != null ? PortForward.parse(port)
                        : a.port() > 0 ? new PortForward(a.port(), a.port()) : null;
                if ((strace ? 1 : 0) + (perf ? 1 : 0) + (debugging() ? 1 : 0) > 1) {
                    throw new UklException("--strace, --perf and --gdb: one tool at a time");
                }
                if (gdbBatch != null && !Files.isRegularFile(gdbBatch)) {
                    throw new UklException("--gdb-batch " + gdbBatch + ": no such file");
                }
                Launch launch = options.launch(args, forward);
                launch = debugging() ? launch.withDebugger(PortForward.freeLoopbackPort())
                        : launch.withTool(strace ? Launch.Tool.STRACE : perf ? Launch.Tool.PERF : Launch.Tool.NONE);
                debugged = launch;
                // Progress and build output go to stderr: stdout is the app's.
                pipeline.ensurePrerequisites();
                running = runner.start(a, form, launch, echo);
                what = a.name() + " is running " + form.describe();
            }
            err.println("ukl: " + what + " (console: " + running.vm().consoleLog() + ")");
            if (forward != null) {
                err.println("ukl: connect to 127.0.0.1:" + forward.hostPort() + "; Ctrl-C stops the VM");
            }
            err.flush();
        } catch (GuestException e) {
            throw e;
        } catch (UklException e) {
            throw e.withExitStatus(NOT_STARTED);
        }
        RunningApp r = running;
        Thread hook = new Thread(() -> {
            System.err.println("\nukl: shutting the VM down");
            r.vm().shutdown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        OutputStream out = console && r.boot().output() != Boot.Output.SERIAL
                ? OutputStream.nullOutputStream() : System.out;
        try {
            if (debugged != null && debugged.tool() == Launch.Tool.GDB) {
                return debug(r, Debugger.of(r.boot(), debugged), err);
            }
            int status = r.awaitExit(Duration.ofSeconds(timeout), out, System.err);
            err.println("ukl: the app exited with status " + status);
            return status;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            r.close();
        }
    }
}
