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
 * Boots a kernel with an app started by the guest's shell, waits until it listens on its
 * port (when it has one), and hands back the running VM.
 */
public final class AppRunner {
    static final String READY = "ukl-guest: app ready";
    static final String JOB = """
            echo "ukl-guest: starting %1$s"
            /apps/%1$s %2$s &
            pid=$!
            port=%3$d
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
            echo "%4$s (pid $pid)"
            wait "$pid"
            """;

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
        List<PortForward> forwards = forward == null ? List.of() : List.of(forward);
        forwards.forEach(PortForward::checkFree);
        AppBuilder.Built built = new AppBuilder(pipeline.project().apps()).build(app);
        Path kernel = pipeline.kernel(variant);
        GuestImage image = pipeline.image();
        image.add("apps/" + app.name(), built.userProgram());
        image.job(JOB.formatted(app.name(), String.join(" ", app.args()),
                forward == null ? app.port() : forward.guestPort(), READY));
        Path initrd = image.write(pipeline.imagePath("run-" + app.name()));
        QemuConfig config = pipeline.qemu(kernel, initrd, "run-" + app.name()).withForwards(forwards);
        Vm vm = Vm.start(config, pipeline.consoleLog("run-" + app.name()), echo);
        try {
            vm.waitFor(Pattern.compile(Pattern.quote(READY)), bootTimeout, "the app's start (" + READY + ")");
        } catch (RuntimeException e) {
            vm.close();
            throw e;
        }
        return vm;
    }
}
