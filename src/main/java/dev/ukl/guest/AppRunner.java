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
    private Duration bootTimeout = Duration.ofMinutes(5);

    public AppRunner(Pipeline pipeline) {
        this.pipeline = pipeline;
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
     * the kernel, the initramfs (written) and the command line. Nothing boots yet.
     */
    public Prepared prepare(App app, Form form, Launch launch) {
        AppBuilder.Built built = new AppBuilder(pipeline.project()).build(app);
        FormRunner runner = form.runner();
        GuestImage image = runner.baseImage(pipeline);
        for (Launch.Volume v : launch.volumes()) {
            image.addTree(v.guest(), v.host());
        }
        Boot boot = runner.prepare(pipeline, app, built, launch, image);
        List<String> kernelArgs = new ArrayList<>(launch.kernelArgs());
        kernelArgs.addAll(form.kernelArgs());
        String append = withKernelArgs(boot.append(), kernelArgs);
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

    /** Boots a prepared kernel and initramfs with the launch's resources; waits for the app's start. */
    public RunningApp boot(Prepared prepared, Launch launch, PrintStream echo) {
        Boot boot = prepared.boot();
        List<Path> serials = new ArrayList<>();
        Path stdout = null;
        Path stderr = null;
        if (boot.output() == Boot.Output.SERIAL) {
            stdout = pipeline.project().logs().resolve(boot.name() + "-stdout.log");
            stderr = pipeline.project().logs().resolve(boot.name() + "-stderr.log");
            serials = List.of(stdout, stderr);
            try {
                Files.createDirectories(stdout.getParent());
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            } catch (java.io.IOException e) {
                throw new UklException("cannot prepare " + stdout + ": " + e.getMessage(), e);
            }
        }
        QemuConfig config = pipeline.qemu(boot.kernel(), prepared.initrd(), boot.name(), prepared.append())
                .withForwards(launch.forwards())
                .withMemory(launch.memoryMb()).withCpus(launch.cpus()).withSerialFiles(serials)
                .withIcount(launch.icount()).withPlugin(launch.plugin());
        Vm vm = Vm.start(config, pipeline.consoleLog(boot.name()), echo);
        try {
            vm.waitFor(boot.ready(), bootTimeout, boot.readyWhat());
        } catch (RuntimeException e) {
            vm.close();
            throw e;
        }
        return new RunningApp(vm, boot, stdout, stderr);
    }

    /** Kernel parameters go before a "--" that starts init's arguments; the whole line must fit. */
    static String withKernelArgs(String append, List<String> kernelArgs) {
        String line = append;
        if (!kernelArgs.isEmpty()) {
            String extra = String.join(" ", kernelArgs);
            int dashes = append.indexOf(" -- ");
            line = dashes < 0 ? append + " " + extra
                    : append.substring(0, dashes) + " " + extra + append.substring(dashes);
        }
        if (line.length() >= UklInitForm.COMMAND_LINE_SIZE) {
            throw new UklException("the kernel command line would be " + line.length() + " characters; it holds "
                    + (UklInitForm.COMMAND_LINE_SIZE - 1));
        }
        return line;
    }
}
