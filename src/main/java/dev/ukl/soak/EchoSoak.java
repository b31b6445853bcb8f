package dev.ukl.soak;

import dev.ukl.guest.BootExecutor;
import dev.ukl.guest.BootPlan;
import dev.ukl.guest.KernelRequest;
import dev.ukl.guest.GuestScript;
import dev.ukl.guest.Pipeline;
import dev.ukl.suite.GuestTests;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.ktap.TestResult;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The echo part of the reliability soak: the sample echo server linked into the UKL kernel,
 * killed and started again by the guest (guest/ukl/soak-echo.sh) every period while the host
 * keeps connections busy ({@link EchoLoad}); then one last instance that must serve every byte
 * of a short load, and the kernel log.
 */
public final class EchoSoak {
    static final String SERVING = "# soak-echo: serving";
    static final String FINAL = "# soak-echo: final instance";
    private static final int GUEST_PORT = 5555;

    /** The load's figures, the last instance's, and the guest's KTAP result. */
    public record Result(EchoLoad.Figures load, EchoLoad.Figures last, TestResult guest) {
        /** No wrong byte ever, and the last instance echoed every message whole. */
        public boolean ok() {
            return load.wrongBytes() == 0 && last.wrongBytes() == 0 && last.cut() == 0 && last.stalled() == 0
                    && last.messages() > 0 && guest.ok();
        }
    }

    private final Pipeline pipeline;

    public EchoSoak(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result run(Duration duration, int periodSeconds, int connections, String name, PrintStream echo) {
        Project project = pipeline.project();
        App app = App.load(project.root().resolve("samples/tcp_server"));
        AppBuilder.Built built = new AppBuilder(project).build(app);
        KernelRequest kernel = KernelRequest.linking(built.uklArchive());
        GuestImage image = pipeline.image().job(GuestScript.job(project, "ukl/soak-echo.sh", new java.util.TreeMap<>(
                java.util.Map.of("DURATION", Long.toString(duration.toSeconds()), "PERIOD",
                        Integer.toString(periodSeconds)))));
        int port = PortForward.freeLoopbackPort();
        pipeline.out().println("soak: booting the UKL kernel with the sample echo server linked in: killed every "
                + periodSeconds + " s for " + duration.toMinutes() + " min, " + connections
                + " connections from the host on port " + port);
        pipeline.out().flush();
        try (Vm vm = new BootExecutor(pipeline).start(BootPlan.job(name, kernel, image)
                .withForwards(List.of(new PortForward(port, GUEST_PORT))), echo)) {
            vm.waitFor(Pattern.compile(Pattern.quote(SERVING)), Duration.ofMinutes(5), "the echo server's first start");
            long end = System.nanoTime() + duration.toNanos();
            EchoLoad.Figures load = new EchoLoad(port, connections, 1).run(() -> System.nanoTime() > end
                    || !vm.isAlive());
            pipeline.out().println("soak: echo load: " + load.line());
            pipeline.out().flush();
            vm.waitFor(Pattern.compile(Pattern.quote(FINAL)), duration.plus(Duration.ofMinutes(3)),
                    "the echo server's last instance");
            long lastEnd = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            EchoLoad.Figures last = new EchoLoad(port, 4, 1000).run(() -> System.nanoTime() > lastEnd);
            vm.waitForExit(Duration.ofMinutes(3));
            return new Result(load, last, GuestTests.ktap(vm, name, "the echo soak's output"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UklException("interrupted", e);
        }
    }

}
