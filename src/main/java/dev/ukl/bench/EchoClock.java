package dev.ukl.bench;

import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Form;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.util.Json;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The echo benchmark in wall-clock mode: every form of the sample echo server booted at once
 * without -icount (on KVM where it boots our kernels), each idle but for its turn, and the same
 * request-response load from the host on each in turn, the forms rotated round by round
 * ({@link Rounds}): requests per second over the load's wall time and each request's round trip
 * (median and 99th percentile), every figure a median over the rounds with its range, every ratio
 * taken against the user form of the same round. Under TCG the times are emulation artefacts:
 * the mode refuses unless forced ({@link ClockBench#requireHardware}), and then says so on every
 * line.
 */
public final class EchoClock {
    private static final int SERVER_PORT = 5555;

    /** One form's load in one round. */
    public record Sample(int round, String form, long requests, long nanos, double p50Micros, double p99Micros) {
        public double perSecond() {
            return requests * 1e9 / nanos;
        }
    }

    /** A whole run: where it ran, the load, the forms (the first is the baseline) and every sample. */
    public record Result(GuestFacts facts, int rounds, int connections, int requestsPerConnection,
                         List<String> forms, List<Sample> samples) {
        public List<Sample> of(String form) {
            return samples.stream().filter(s -> s.form().equals(form)).toList();
        }
    }

    private final Pipeline pipeline;

    public EchoClock(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result run(QemuConfig.Accelerator accelerator, List<Form> requested, int connections,
                      int perConnection, int rounds, boolean force, PrintStream echo) {
        if (rounds < ClockBench.MIN_ROUNDS || rounds > 100) {
            throw new UklException("--rounds must be " + ClockBench.MIN_ROUNDS + " to 100 in the clock mode");
        }
        ClockBench.requireHardware(accelerator, force);
        List<Form> forms = ClockBench.baselineFirst(requested);
        App app = App.load(pipeline.project().root().resolve("samples/tcp_server"));
        List<RunningApp> servers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            GuestFacts facts = null;
            for (Form form : forms) {
                int port = PortForward.freeLoopbackPort();
                pipeline.out().println("bench: echo, " + form.label() + " form booting for the wall-clock rounds ("
                        + accelerator + ")");
                pipeline.out().flush();
                RunningApp r = new AppRunner(pipeline).start(app, form.suffixed("clock-"
                        + form.label()), Launch.defaults().withForward(new PortForward(port, SERVER_PORT))
                        .withKernelArgs(Form.FIXED_ADDRESSES), echo);
                servers.add(r);
                ports.add(port);
                if (facts == null) {
                    facts = GuestFacts.parse(accelerator.name(), r.vm().console(),
                            KernelBuilder.vmlinuxOf(r.boot().kernel()).resolveSibling(".config"));
                }
            }
            long requests = (long) connections * perConnection;
            List<Sample> samples = new ArrayList<>();
            List<Integer> indices = IntStream.range(0, forms.size()).boxed().toList();
            for (int round = 1; round <= rounds; round++) {
                for (int f : Rounds.order(indices, round)) {
                    pipeline.out().println("bench: echo, round " + round + " of " + rounds + ", " + forms.get(f).label()
                            + " form" + (accelerator == QemuConfig.Accelerator.KVM ? "" : " (forced: emulated time)"));
                    pipeline.out().flush();
                    EchoRequests.Timed t = new EchoRequests(ports.get(f), connections, perConnection).runTimed();
                    if (t.requests() != requests) {
                        throw new UklException("the echo server (" + forms.get(f).label() + ") answered "
                                + t.requests() + " of " + requests + " requests");
                    }
                    samples.add(new Sample(round, forms.get(f).label(), t.requests(), t.nanos(), t.micros(50),
                            t.micros(99)));
                }
            }
            return new Result(facts, rounds, connections, perConnection,
                    forms.stream().map(Form::label).toList(), List.copyOf(samples));
        } finally {
            servers.forEach(RunningApp::close);
        }
    }

    /**
     * The table: per form, requests per second and the round trip's median and 99th percentile,
     * each a median (lowest-highest) over the rounds, and their ratios to the user form of the
     * same round. Emulated figures say so on every line.
     */
    public static String table(Result r) {
        String mark = r.facts().emulated() ? ClockReport.EMULATED : "";
        List<String> lines = new ArrayList<>();
        lines.add("clock mode: the echo server under " + r.connections() + " connections x "
                + r.requestsPerConnection() + " requests of 64 bytes from the host, median (lowest-highest) over "
                + r.rounds() + " rounds, the forms alternated in each");
        r.facts().describe().forEach(lines::add);
        String base = r.forms().get(0);
        lines.add(String.format(Locale.ROOT, "%-14s %26s %24s %24s %18s %18s", "form", "requests/s",
                "round trip p50 us", "round trip p99 us", "req/s / " + base, "p50 / " + base));
        for (String f : r.forms()) {
            List<Sample> s = r.of(f);
            if (s.isEmpty()) {
                continue;
            }
            lines.add(String.format(Locale.ROOT, "%-14s %26s %24s %24s %18s %18s", f,
                    Spread.of(s.stream().map(Sample::perSecond).toList()).format(0),
                    Spread.of(s.stream().map(Sample::p50Micros).toList()).format(1),
                    Spread.of(s.stream().map(Sample::p99Micros).toList()).format(1),
                    f.equals(base) ? "-" : format(ratios(r, base, f, Sample::perSecond)),
                    f.equals(base) ? "-" : format(ratios(r, base, f, Sample::p50Micros))));
        }
        lines.add("ratios: each round's figure over the " + base + " form's in the same round; the host's client"
                + " and network are in every figure");
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append(mark).append('\n');
        }
        return sb.toString();
    }

    private static String format(List<Double> ratios) {
        return ratios.isEmpty() ? "-" : Spread.of(ratios).format(2);
    }

    /** A figure of the form over the baseline's, round by round, where both ran. */
    static List<Double> ratios(Result r, String base, String form, java.util.function.ToDoubleFunction<Sample> of) {
        List<Double> out = new ArrayList<>();
        for (Sample b : r.of(form)) {
            r.of(base).stream().filter(a -> a.round() == b.round()).findFirst()
                    .ifPresent(a -> out.add(of.applyAsDouble(b) / of.applyAsDouble(a)));
        }
        return out;
    }

    public static void writeJson(Result r, Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("unit", "requests per second and round-trip microseconds, wall clock");
        doc.put("emulated", r.facts().emulated());
        doc.put("result", r);
        Json.write(file, doc);
    }
}
