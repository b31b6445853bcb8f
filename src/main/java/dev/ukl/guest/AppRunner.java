package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.Vm;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an app, boots a kernel running it in one of its forms (see {@link Form}) as a
 * {@link Launch} asks, and waits until it has started; then hands back the running app.
 */
public final class AppRunner {

    private final Pipeline pipeline;
    private final BootExecutor executor;
    private Duration bootTimeout = Duration.ofMinutes(5);

    public AppRunner(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.executor = new BootExecutor(pipeline);
    }

    public AppRunner bootTimeout(Duration d) {
        this.bootTimeout = d;
        return this;
    }

    /** The app in a form, with nothing asked but a port forward. */
    public RunningApp start(App app, Form form, PortForward forward, PrintStream echo) {
        return start(app, form, Launch.defaults().withForward(forward), echo);
    }

    /** A boot ready to start: what the form prepared, the kernel command line and the initramfs written. */
    public record Prepared(Boot boot, String append, Path initrd) {
    }

    /**
     * Builds what is missing and prepares the boot of the app in a form as the launch asks:
     * first the build (the app, then the kernel the form boots for its archive), then the form's
     * runner on those values (the initramfs, written, and the command line). Nothing boots yet.
     */
    public Prepared prepare(App app, Form form, Launch launch) {
        form.runner().check(launch);
        AppBuilder.Built built = new AppBuilder(pipeline.project()).build(app);
        Path kernel = executor.kernel(form.kernel(built.uklArchive()));
        FormRunner runner = form.runner();
        GuestImage image = runner.baseImage(pipeline);
        for (Launch.Volume v : launch.volumes()) {
            image.addTree(v.guest(), v.host());
        }
        Boot boot = runner.prepare(pipeline.uklName(), app, built, kernel, launch, image);
        List<String> kernelArgs = new ArrayList<>(launch.kernelArgs());
        kernelArgs.addAll(form.kernelArgs());
        String append = BootPlan.appended(boot.append(), kernelArgs);
        return new Prepared(boot, append, image.write(pipeline.imagePath(boot.name())));
    }

    /**
     * Builds what is missing, boots, and waits for the app's start. {@code echo} receives the
     * console as it comes, or is null.
     */
    public RunningApp start(App app, Form form, Launch launch, PrintStream echo) {
        launch.forwards().forEach(PortForward::checkFree);
        return boot(prepare(app, form, launch), launch, echo);
    }

    /**
     * The boot plan of a prepared app: its initramfs as written, the launch's resources, its
     * output files when it writes to the serial ports, and the console line of its start.
     */
    public BootPlan plan(Prepared prepared, Launch launch) {
        Boot boot = prepared.boot();
        BootPlan plan = new BootPlan(boot.name(), KernelRequest.at(boot.kernel()),
                BootPlan.Initramfs.written(prepared.initrd()),
                prepared.append(), c -> c, null)
                .withForwards(launch.forwards()).withMemory(launch.memoryMb()).withCpus(launch.cpus())
                .withIcount(launch.icount()).withPlugin(launch.plugin())
                .readyAt(boot.ready(), boot.readyWhat(), bootTimeout);
        return boot.output() == Boot.Output.SERIAL ? plan.withSerialFiles(List.of(stdout(boot), stderr(boot))) : plan;
    }

    private Path stdout(Boot boot) {
        return pipeline.project().logs().resolve(boot.name() + "-stdout.log");
    }

    private Path stderr(Boot boot) {
        return pipeline.project().logs().resolve(boot.name() + "-stderr.log");
    }

    /** Boots a prepared kernel and initramfs with the launch's resources; waits for the app's start. */
    public RunningApp boot(Prepared prepared, Launch launch, PrintStream echo) {
        Boot boot = prepared.boot();
        BootPlan plan = plan(prepared, launch);
        Path stdout = null;
        Path stderr = null;
        if (boot.output() == Boot.Output.SERIAL) {
            stdout = stdout(boot);
            stderr = stderr(boot);
            try {
                Files.createDirectories(stdout.getParent());
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            } catch (java.io.IOException e) {
                throw new UklException("cannot prepare " + stdout + ": " + e.getMessage(), e);
            }
        }
        return new RunningApp(executor.start(plan, echo), boot, stdout, stderr);
    }
}
