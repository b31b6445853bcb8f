package dev.ukl.cli;

import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Pipeline;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Build what is missing and boot a kernel running the app (as the UKL app by default); "
                + "Ctrl-C shuts the VM down.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "APP", description = "The app: a directory of C sources, a directory whose "
            + "Makefile builds UKL.a (and a userspace target), a Java app (a Maven project whose ukl.properties "
            + "names its main class, or a jar with a Main-Class), or a prebuilt archive (UKL.a, or what "
            + "'ukl cc' linked).")
    Path app;

    @Option(names = "--userspace", description = "Run the app as a normal user program on the plain kernel "
            + "(the baseline) instead of as the UKL app.")
    boolean userspace;

    @Option(names = "--as-init", description = "Start the UKL app as init (PID 1) instead of from a shell in a "
            + "normal userspace.")
    boolean asInit;

    @Option(names = "--port", paramLabel = "HOST:GUEST",
            description = "Forward 127.0.0.1:HOST to the guest's port GUEST (default: the app's port).")
    String port;

    @Option(names = "--console", description = "Show the guest's serial console.")
    boolean console;

    @Option(names = "--boot-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up if the app is not up after this long (default: ${DEFAULT-VALUE}).")
    int bootTimeout;

    @Override
    public Integer call() {
        PrintWriter out = Common.out(spec);
        App a = App.load(app);
        if (userspace && asInit) {
            throw new UklException("--as-init starts the UKL app as init; it does not go with --userspace");
        }
        AppRunner.Mode mode = userspace ? AppRunner.Mode.USERSPACE
                : asInit ? AppRunner.Mode.UKL_INIT : AppRunner.Mode.UKL_SHELL;
        PortForward forward = port != null ? PortForward.parse(port)
                : a.port() > 0 ? new PortForward(a.port(), a.port()) : null;
        if (forward != null) {
            forward.checkFree();
        }
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        Vm vm = new AppRunner(pipeline).bootTimeout(Duration.ofSeconds(bootTimeout))
                .start(a, mode, forward, console ? System.out : null);
        Thread hook = new Thread(() -> {
            System.err.println("\nukl: shutting the VM down");
            vm.shutdown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        String how = switch (mode) {
            case USERSPACE -> "as a user program on the plain kernel";
            case UKL_SHELL -> "as the UKL app, started from the shell";
            case UKL_INIT -> "as the UKL app, started as init";
        };
        out.println("ukl: " + a.name() + " is running " + how + " (console: " + vm.consoleLog() + ")");
        if (forward != null) {
            out.println("ukl: connect to 127.0.0.1:" + forward.hostPort() + "; Ctrl-C stops the VM");
        } else {
            out.println("ukl: Ctrl-C stops the VM");
        }
        out.flush();
        int rc = vm.waitForExit(Duration.ofDays(365));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0;
        }
        vm.close();
        out.println("ukl: the VM ended (QEMU status " + rc + ")");
        return 0;
    }
}
