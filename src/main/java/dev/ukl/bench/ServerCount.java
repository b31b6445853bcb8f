package dev.ukl.bench;

import dev.ukl.guest.BootExecutor;
import dev.ukl.guest.BootPlan;
import dev.ukl.guest.KernelRequest;
import dev.ukl.guest.Form;
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
import dev.ukl.vm.QemuPlugin;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guest instructions a server app executes for loads from the host: the app runs in one form
 * with the profiling plugin, which counts every instruction the whole guest executes (server,
 * kernel, network stack, timer) in windows the guest script (guest/ukl-bench/server.sh) opens
 * and closes on the host's signal: an empty one first, then one around each load. A load's
 * figure is its window less the empty one. Used by the echo and the Redis benchmarks.
 */
final class ServerCount {
    static final int TRIGGER_PORT = 6000;

    /** One load the host runs against the server's forwarded port; returns the requests it made. */
    interface Load {
        String name();

        long run(int hostPort);
    }

    /** A load's window and requests, with the empty window it is measured against. */
    record Window(String load, long requests, long emptyWindow, long loadWindow) {
        double perRequest() {
            return (double) (loadWindow - emptyWindow) / requests;
        }
    }

    private final Pipeline pipeline;

    ServerCount(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Boots the app in a form and runs the loads one window each; the user program goes to
     * /apps/NAME in the guest image; {@code args} is one shell line for the server.
     */
    List<Window> run(App app, Form form, String args, int guestPort, List<Load> loads,
                     PrintStream echo) {
        Project project = pipeline.project();
        AppBuilder.Built built = new AppBuilder(project).build(app);
        KernelRequest kernel = form.kernel(built.uklArchive());
        String userPath = "/apps/" + app.name();
        GuestImage image = pipeline.image()
                .addProgram(userPath.substring(1), built.requireUserProgram())
                .addProgram("guest/tools/profile-mark", new GuestPrograms(project)
                        .compile(project.guest().resolve("tools/profile-mark.c")))
                .job(GuestScript.job(project, "ukl-bench/server.sh", Map.of(
                        "SERVER", form.appInKernel() ? "/UKL" : userPath,
                        "ARGS", shellQuote(args),
                        "READY", shellQuote(app.ready() == null ? "" : app.ready()),
                        "WINDOWS", Integer.toString(loads.size()))));
        String name = "bench-" + app.name() + "-" + form.label();
        Path counts = project.build().resolve("bench/" + name + ".counts");
        QemuPlugin plugin = new ProfilePlugin(project).freshOutput(counts, pipeline.out());
        int port = PortForward.freeLoopbackPort();
        int trigger = PortForward.freeLoopbackPort();
        List<Long> requests = new ArrayList<>();
        // Not under -icount: with sleep=off an idle guest fast-forwards its clock and runs timer
        // ticks as fast as QEMU can, so every wall-clock second of waiting for the host would
        // count millions of instructions. Without it the plugin still counts every instruction,
        // and an idle guest only runs the ticks of real time.
        try (Vm vm = new BootExecutor(pipeline).start(BootPlan.job(name, kernel, image)
                .withPlugin(plugin)
                .withForwards(List.of(new PortForward(port, guestPort), new PortForward(trigger, TRIGGER_PORT)))
                .withKernelArgs(form.countedKernelArgs()), echo)) {
            vm.waitFor(Pattern.compile("# bench-server: (calibrate|the server did not start)"), Duration.ofMinutes(5),
                    "the server benchmark's start");
            if (vm.console().stream().anyMatch(l -> l.contains("# bench-server: the server did not start"))) {
                throw vm.failure(app.name() + " did not start in the " + form.label() + " form");
            }
            for (int i = 0; i < loads.size(); i++) {
                trigger(trigger, vm, Pattern.compile("# bench-server: load " + (i + 1) + "$"));
                pipeline.out().println("bench: " + app.name() + ", " + form.label() + " form: " + loads.get(i).name());
                pipeline.out().flush();
                requests.add(loads.get(i).run(port));
            }
            trigger(trigger, vm, Pattern.compile("# bench-server: done"));
            vm.waitFor(Pattern.compile("# bench-server: server stopped"), Duration.ofMinutes(2),
                    "the end of the server benchmark");
            vm.waitForExit(Duration.ofMinutes(2));
        }
        PluginOutput out = PluginOutput.read(counts);
        for (int w = 0; w <= loads.size(); w++) {
            if (out.windows().getOrDefault(w, 0L) != 1) {
                throw new UklException("the server benchmark's profile has windows " + out.windows() + ", not one "
                        + "empty and " + loads.size() + " loaded (" + counts + ")");
            }
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            windows.add(new Window(loads.get(i).name(), requests.get(i), out.total(0), out.total(i + 1)));
        }
        return windows;
    }

    /** A value as one single-quoted shell word (the guest script's variables are shell assignments). */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
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
}
