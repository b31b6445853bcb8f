package dev.ukl.guest;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Boots a kernel running an app and waits until it is ready, then hands back the running VM.
 * The app runs in one of three ways: as a normal user program on the plain kernel (the
 * baseline), as the UKL app started by the guest's shell (beside a normal userspace), or as
 * the UKL app started as init.
 */
public final class AppRunner {
    static final String READY = "ukl-guest: app ready";
    /** Starts the app from the shell, waits until it listens on its port, then waits for it. */
    static final String JOB = """
            echo "ukl-guest: starting %1$s"
            %2$s %3$s &
            pid=$!
            port=%4$d
            if [ "$port" -ne 0 ]; then
            	while ! netstat -ltn 2>/dev/null | grep -q ":$port "; do
            		if ! kill -0 "$pid" 2>/dev/null; then
            			wait "$pid"
            			echo "ukl-guest: app exited with status $? before listening on port $port"
            			exit 1
            		fi
            		usleep 100000
            	done
            fi
            echo "%5$s (pid $pid)"
            wait "$pid"
            """;
    /** The UKL exec name (CONFIG_UKL_NAME in kernel/configs/ukl.config). */
    public static final String UKL_NAME = "/UKL";

    /** How the app is started. */
    public enum Mode {
        USERSPACE, UKL_SHELL, UKL_INIT
    }

    private final Pipeline pipeline;
    private Duration bootTimeout = Duration.ofMinutes(5);

    public AppRunner(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public AppRunner bootTimeout(Duration d) {
        this.bootTimeout = d;
        return this;
    }

    /** Builds the app, boots the variant with it as a normal process, and waits until it is ready. */
    public Vm startUserspace(App app, String variant, PortForward forward, PrintStream echo) {
        return start(app, Mode.USERSPACE, variant, forward, echo);
    }

    public Vm start(App app, Mode mode, PortForward forward, PrintStream echo) {
        return start(app, mode, mode == Mode.USERSPACE ? "plain" : Pipeline.UKL_VARIANT, forward, echo);
    }

    private Vm start(App app, Mode mode, String variant, PortForward forward, PrintStream echo) {
        List<PortForward> forwards = forward == null ? List.of() : List.of(forward);
        forwards.forEach(PortForward::checkFree);
        AppBuilder.Built built = new AppBuilder(pipeline.project().apps()).build(app);
        int guestPort = forward == null ? app.port() : forward.guestPort();
        String args = String.join(" ", app.args());
        Path kernel;
        GuestImage image = pipeline.image();
        String append = Pipeline.APPEND;
        Pattern ready = Pattern.compile(Pattern.quote(READY));
        String what = "the app's start (" + READY + ")";
        switch (mode) {
            case USERSPACE -> {
                kernel = pipeline.kernel(variant);
                image.addProgram("apps/" + app.name(), built.requireUserProgram());
                image.job(JOB.formatted(app.name(), "/apps/" + app.name(), args, guestPort, READY));
            }
            case UKL_SHELL -> {
                kernel = pipeline.uklKernel(built.uklArchive());
                image.job(JOB.formatted(app.name(), UKL_NAME, args, guestPort, READY));
            }
            case UKL_INIT -> {
                kernel = pipeline.uklKernel(built.uklArchive());
                // No /init runs: the kernel execs the app as PID 1 and configures the network itself.
                append = append.replace("rdinit=/init", "rdinit=" + UKL_NAME)
                        + " ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off"
                        + (args.isEmpty() ? "" : " -- " + args);
                ready = app.ready() != null ? Pattern.compile(Pattern.quote(app.ready()))
                        : Pattern.compile(Pattern.quote("Run " + UKL_NAME + " as init process"));
                what = "the app's start as init (" + ready.pattern() + ")";
            }
            default -> throw new IllegalStateException(mode.toString());
        }
        String name = "run-" + app.name() + "-" + mode.name().toLowerCase();
        Path initrd = image.write(pipeline.imagePath(name));
        QemuConfig config = pipeline.qemu(kernel, initrd, name, append).withForwards(forwards);
        Vm vm = Vm.start(config, pipeline.consoleLog(name), echo);
        try {
            vm.waitFor(ready, bootTimeout, what);
        } catch (RuntimeException e) {
            vm.close();
            throw e;
        }
        return vm;
    }
}
