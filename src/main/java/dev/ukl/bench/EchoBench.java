package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.GuestScript;
import dev.ukl.guest.Pipeline;
import dev.ukl.image.GuestImage;
import dev.ukl.profile.PluginOutput;
import dev.ukl.profile.ProfilePlugin;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guest instructions per request of the sample echo server (samples/tcp_server), client on the
 * host: the server runs in one form with the profiling plugin, which counts every
 * instruction the whole guest executes (server, kernel, network stack, timer) in two windows the
 * guest script (guest/ukl-bench/echo.sh) marks: an empty one, then one around the host's
 * requests. Per request is their difference over the requests.
 */
public final class EchoBench {
    private static final int SERVER_PORT = 5555;
    private static final int TRIGGER_PORT = 6000;

    /** One form's figures. */
    public record Result(String form, long requests, long emptyWindow, long loadWindow) {
        @com.fasterxml.jackson.annotation.JsonProperty("perRequest")
        public double perRequest() {
            return (double) (loadWindow - emptyWindow) / requests;
        }
    }

    private final Pipeline pipeline;

    public EchoBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result run(SyscallBench.Form form, int connections, int requestsPerConnection, PrintStream echo) {
        Project project = pipeline.project();
        AppBuilder.Built server = new AppBuilder(project).build(App.load(project.root().resolve("samples/tcp_server")));
        Path kernel = form.ukl() ? pipeline.uklKernel(server.uklArchive()) : pipeline.kernel(form.variant());
        GuestImage image = pipeline.image()
                .addProgram("apps/tcp_server", server.requireUserProgram())
                .addProgram("guest/tools/profile-mark", new GuestPrograms(project)
                        .compile(project.guest().resolve("tools/profile-mark.c")))
                .job(GuestScript.job(project, "ukl-bench/echo.sh",
                        Map.of("SERVER", form.ukl() ? "/UKL" : "/apps/tcp_server")));
        ProfilePlugin plugin = new ProfilePlugin(project);
        Path lib = plugin.library(pipeline.out());
        String name = "bench-echo-" + form.label();
        Path counts = project.build().resolve("bench/" + name + ".counts");
        int port = PortForward.freeLoopbackPort();
        int trigger = PortForward.freeLoopbackPort();
        try {
            Files.createDirectories(counts.getParent());
            Files.deleteIfExists(counts);
        } catch (IOException e) {
            throw new UklException("cannot prepare " + counts + ": " + e.getMessage(), e);
        }
        pipeline.out().println("bench: echo server, " + form.label() + " form, " + connections + " connections x "
                + requestsPerConnection + " requests from the host (counting plugin)");
        pipeline.out().flush();
        long requests = (long) connections * requestsPerConnection;
        // Not under -icount: with sleep=off an idle guest fast-forwards its clock and runs timer
        // ticks as fast as QEMU can, so every wall-clock second of waiting for the host would
        // count millions of instructions. Without it the plugin still counts every instruction,
        // and an idle guest only runs the ticks of real time.
        try (Vm vm = pipeline.boot(kernel, image, name, c -> c
                .withPlugin(plugin.forOutput(lib, counts))
                .withForwards(List.of(new PortForward(port, SERVER_PORT), new PortForward(trigger, TRIGGER_PORT)))
                .withMoreAppend(form.kernelArgs()), echo)) {
            vm.waitFor(Pattern.compile("# bench-echo: calibrate"), Duration.ofMinutes(5), "the echo benchmark's start");
            trigger(trigger, vm, Pattern.compile("# bench-echo: load"));
            long served = new EchoRequests(port, connections, requestsPerConnection).run();
            if (served != requests) {
                throw vm.failure("the echo server answered " + served + " of " + requests + " requests");
            }
            trigger(trigger, vm, Pattern.compile("# bench-echo: done"));
            vm.waitFor(Pattern.compile("# bench-echo: server was listening"), Duration.ofMinutes(2),
                    "the end of the echo benchmark");
            vm.waitForExit(Duration.ofMinutes(2));
        }
        PluginOutput out = PluginOutput.read(counts);
        if (out.windows().getOrDefault(0, 0L) != 1 || out.windows().getOrDefault(1, 0L) != 1) {
            throw new UklException("the echo benchmark's profile has windows " + out.windows()
                    + ", not one empty and one loaded (" + counts + ")");
        }
        return new Result(form.label(), requests, out.total(0), out.total(1));
    }

    /**
     * Connects to the guest's trigger port and closes, until the console shows {@code next}: a
     * connection the forward could not pass on (nc not listening yet) changes nothing in the
     * guest, one nc took ends nc, and the script goes on.
     */
    private static void trigger(int port, Vm vm, Pattern next) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end && vm.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            } catch (IOException e) {
                // tried again below
            }
            for (int i = 0; i < 20; i++) {
                if (vm.console().stream().anyMatch(l -> next.matcher(l).find())) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UklException("interrupted", e);
                }
            }
        }
        throw vm.failure("the guest did not take the benchmark's trigger connection on port " + TRIGGER_PORT);
    }


    /** One row per form: requests, the two windows, per request and as % of the first form. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-10s %9s %14s %14s %12s %8s%n",
                "form", "requests", "empty window", "load window", "per request", "of " + results.get(0).form()));
        double base = results.get(0).perRequest();
        for (Result r : results) {
            sb.append(String.format(java.util.Locale.ROOT, "%-10s %9d %14d %14d %12.1f %7.1f%%%n", r.form(),
                    r.requests(), r.emptyWindow(), r.loadWindow(), r.perRequest(), 100 * r.perRequest() / base));
        }
        sb.append("guest instructions, whole guest (server, kernel, network, timer ticks), counted by a QEMU "
                + "plugin;\nper request = (load window - empty window) / requests\n");
        return sb.toString();
    }

    public static void writeJson(List<Result> results, Path file) {
        try {
            Files.createDirectories(file.getParent());
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), Map.of("unit", "guest instructions per request", "forms", results));
        } catch (IOException e) {
            throw new UklException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
