package dev.ukl.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Form;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.RunningApp;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.util.Json;
import dev.ukl.util.Proc;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redis (samples/redis) under redis-benchmark from the host, in the user form and every UKL
 * form: guest instructions per request (the plugin over the whole guest, ServerCount), and
 * throughput and latency from wall-clock rounds that alternate between the forms, all booted at
 * once, as ratios to the user form with their spread.
 */
public final class RedisBench {
    public static final List<String> TESTS = List.of("set", "get", "incr", "lpush", "lpop");
    public static final List<Integer> PIPELINES = List.of(1, 16);
    private static final int PORT = 6379;

    /** Guest instructions of one test in one form. */
    public record Count(String form, String test, int pipeline, long requests, long emptyWindow, long loadWindow) {
        @JsonProperty("perRequest")
        public double perRequest() {
            return (double) (loadWindow - emptyWindow) / requests;
        }
    }

    /** One wall-clock measurement: redis-benchmark's own figures. */
    public record Clock(int round, String form, String test, int pipeline, double rps, double p50Ms, double p99Ms) {
    }

    /**
     * The forms (the first the baseline), the counted windows and the wall-clock rounds, with what
     * the rounds ran on (null without rounds).
     */
    public record Result(List<String> forms, List<Count> counts, List<Clock> clock, GuestFacts facts) {
        public Result(List<String> forms, List<Count> counts, List<Clock> clock) {
            this(forms, counts, clock, null);
        }
    }

    private final Pipeline pipeline;

    public RedisBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * The counts, then {@code rounds} wall-clock rounds (none for 0) on {@code accelerator}: at
     * least {@link ClockBench#MIN_ROUNDS}, and under TCG only when forced (the caller decides; see
     * {@link ClockBench#requireHardware}).
     */
    public Result run(List<Form> forms, int countRequests, int clockRequests, int rounds,
                      QemuConfig.Accelerator accelerator, PrintStream echo) {
        if (rounds != 0 && (rounds < ClockBench.MIN_ROUNDS || rounds > 50)) {
            throw new UklException("--rounds must be 0 (counts only) or " + ClockBench.MIN_ROUNDS + " to 50");
        }
        App app = App.load(pipeline.project().root().resolve("samples/redis"));
        List<Count> counts = new ArrayList<>();
        for (Form form : forms) {
            counts.addAll(count(app, form, countRequests, echo));
        }
        GuestFacts[] facts = {null};
        List<Clock> clock = rounds > 0 ? clock(app, forms, clockRequests, rounds, accelerator, facts, echo)
                : List.of();
        return new Result(forms.stream().map(Form::label).toList(), counts, clock, facts[0]);
    }

    private List<Count> count(App app, Form form, int requests, PrintStream echo) {
        List<ServerCount.Load> loads = new ArrayList<>();
        for (int p : PIPELINES) {
            for (String test : TESTS) {
                loads.add(new ServerCount.Load() {
                    @Override
                    public String name() {
                        return label(test, p);
                    }

                    @Override
                    public long run(int hostPort) {
                        benchmark(hostPort, test, p, requests);
                        return requests;
                    }
                });
            }
        }
        List<ServerCount.Window> windows = new ServerCount(pipeline).run(app, form, shellLine(app.args()), PORT,
                loads, echo);
        List<Count> out = new ArrayList<>();
        int i = 0;
        for (int p : PIPELINES) {
            for (String test : TESTS) {
                ServerCount.Window w = windows.get(i++);
                out.add(new Count(form.label(), test, p, w.requests(), w.emptyWindow(), w.loadWindow()));
            }
        }
        return out;
    }

    /** Boots every form at once (each idle but for its turn) and runs the rounds in turn, rotating the order. */
    private List<Clock> clock(App app, List<Form> forms, int requests, int rounds,
                              QemuConfig.Accelerator accelerator, GuestFacts[] facts, PrintStream echo) {
        List<RunningApp> servers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (Form form : forms) {
                int port = PortForward.freeLoopbackPort();
                Form named = form.suffixed("bench-" + form.label());
                pipeline.out().println("bench: redis, " + form.label() + " form booting for the wall-clock rounds");
                pipeline.out().flush();
                RunningApp server = new AppRunner(pipeline).start(app, named, Launch.defaults()
                        .withForward(new PortForward(port, PORT)).withKernelArgs(Form.FIXED_ADDRESSES), echo);
                servers.add(server);
                ports.add(port);
                if (facts[0] == null) {
                    facts[0] = GuestFacts.parse(accelerator.name(), server.vm().console(),
                            KernelBuilder.vmlinuxOf(server.boot().kernel()).resolveSibling(".config"));
                }
            }
            List<Clock> out = new ArrayList<>();
            List<Integer> indices = java.util.stream.IntStream.range(0, forms.size()).boxed().toList();
            for (int r = 1; r <= rounds; r++) {
                for (int f : Rounds.order(indices, r)) {
                    pipeline.out().println("bench: redis, round " + r + " of " + rounds + ", " + forms.get(f).label()
                            + " form");
                    pipeline.out().flush();
                    for (int p : PIPELINES) {
                        String csv = benchmark(ports.get(f), String.join(",", TESTS), p, requests);
                        for (String[] row : parseCsv(csv)) {
                            out.add(new Clock(r, forms.get(f).label(), row[0].toLowerCase(Locale.ROOT), p,
                                    Double.parseDouble(row[1]), Double.parseDouble(row[4]),
                                    Double.parseDouble(row[6])));
                        }
                    }
                }
            }
            return out;
        } finally {
            servers.forEach(RunningApp::close);
        }
    }

    /** Runs redis-benchmark against 127.0.0.1:port; its CSV output. */
    static String benchmark(int port, String tests, int pipelineDepth, int requests) {
        List<String> cmd = List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port), "-n",
                Integer.toString(requests), "-t", tests, "-P", Integer.toString(pipelineDepth), "--csv");
        Proc.Result r = Proc.run(null, cmd);
        if (!r.ok() || r.output().toLowerCase(Locale.ROOT).contains("error")) {
            throw new UklException("redis-benchmark failed (" + String.join(" ", cmd) + "): "
                    + r.output().strip().lines().reduce((a, b) -> b).orElse(""));
        }
        return r.output();
    }

    /** redis-benchmark's CSV rows, header left out: test, rps, avg, min, p50, p95, p99, max. */
    static List<String[]> parseCsv(String csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("\"test\"")) {
                continue;
            }
            String[] f = Arrays.stream(l.split(",")).map(s -> s.replace("\"", "")).toArray(String[]::new);
            if (f.length < 8) {
                throw new UklException("unexpected redis-benchmark CSV line: " + l);
            }
            rows.add(f);
        }
        return rows;
    }

    /** The app's arguments as one shell line, each a single-quoted word (an empty one stays). */
    static String shellLine(List<String> args) {
        return String.join(" ", args.stream().map(ServerCount::shellQuote).toList());
    }

    static String label(String test, int pipelineDepth) {
        return test.toUpperCase(Locale.ROOT) + (pipelineDepth > 1 ? " -P " + pipelineDepth : "");
    }

    /** Guest instructions per request, one column per form, and each UKL form as % of the first. */
    public static String countTable(Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s", "test"));
        for (String f : r.forms()) {
            sb.append(String.format(Locale.ROOT, " %12s", f));
        }
        for (String f : r.forms().subList(1, r.forms().size())) {
            sb.append(String.format(Locale.ROOT, " %10s", f + " %"));
        }
        sb.append('\n');
        for (int p : PIPELINES) {
            for (String test : TESTS) {
                sb.append(String.format(Locale.ROOT, "%-12s", label(test, p)));
                List<Double> v = new ArrayList<>();
                for (String f : r.forms()) {
                    double x = r.counts().stream().filter(c -> c.form().equals(f) && c.test().equals(test)
                            && c.pipeline() == p).mapToDouble(Count::perRequest).findFirst().orElse(Double.NaN);
                    v.add(x);
                    sb.append(String.format(Locale.ROOT, " %12.0f", x));
                }
                for (int i = 1; i < v.size(); i++) {
                    sb.append(String.format(Locale.ROOT, " %9.1f%%", 100 * v.get(i) / v.get(0)));
                }
                sb.append('\n');
            }
        }
        sb.append("guest instructions per request, whole guest (server, kernel, network, timer ticks), counted by a "
                + "QEMU plugin\n");
        return sb.toString();
    }

    /**
     * Throughput, p50 and p99 of every UKL form as ratios to the user form's in the same round:
     * the median over the rounds, with the lowest and highest ratio.
     */
    public static String clockTable(Result r) {
        if (r.clock().isEmpty()) {
            return "";
        }
        String base = r.forms().get(0);
        int rounds = r.clock().stream().mapToInt(Clock::round).max().orElse(0);
        List<String> head = new ArrayList<>();
        head.add("clock mode: redis-benchmark's throughput and latency, each form's over the " + base
                + " form's in the same round, median (lowest-highest) over " + rounds + " rounds, the forms "
                + "alternated in each");
        if (r.facts() != null) {
            head.addAll(r.facts().describe());
        }
        head.add(String.format(Locale.ROOT, "%-12s %-9s %22s %22s %22s", "test", "form",
                "throughput", "p50 latency", "p99 latency"));
        StringBuilder sb = new StringBuilder();
        head.forEach(l -> sb.append(l).append('\n'));
        for (int p : PIPELINES) {
            for (String test : TESTS) {
                for (String f : r.forms().subList(1, r.forms().size())) {
                    List<double[]> ratios = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        Clock a = find(r, round, base, test, p);
                        Clock b = find(r, round, f, test, p);
                        if (a != null && b != null) {
                            ratios.add(new double[] {b.rps() / a.rps(), b.p50Ms() / a.p50Ms(), b.p99Ms() / a.p99Ms()});
                        }
                    }
                    sb.append(String.format(Locale.ROOT, "%-12s %-9s", label(test, p), f));
                    for (int m = 0; m < 3; m++) {
                        final int k = m;
                        sb.append(String.format(Locale.ROOT, " %22s", ratios.isEmpty() ? "-"
                                : Spread.of(ratios.stream().map(x -> x[k]).toList()).format(2)));
                    }
                    sb.append('\n');
                }
            }
        }
        boolean emulated = r.facts() == null || r.facts().emulated();
        sb.append("ratio to the " + base + " form in the same round: median (lowest-highest) over " + rounds
                + " rounds; wall clock" + (emulated ? " under emulation" : "") + ", host load included\n");
        if (!emulated) {
            return sb.toString();
        }
        StringBuilder marked = new StringBuilder();
        sb.toString().lines().forEach(l -> marked.append(l).append(ClockReport.EMULATED).append('\n'));
        return marked.toString();
    }

    private static Clock find(Result r, int round, String form, String test, int p) {
        return r.clock().stream().filter(c -> c.round() == round && c.form().equals(form) && c.test().equals(test)
                && c.pipeline() == p).findFirst().orElse(null);
    }

    public static void writeJson(Result r, Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("counts unit", "guest instructions per request");
        doc.put("result", r);
        Json.write(file, doc);
    }

    /** Guest instructions per request of each form as % of the first form's, per test. */
    public static Path chart(Result r, Path png) {
        List<String> categories = new ArrayList<>();
        for (int p : PIPELINES) {
            for (String test : TESTS) {
                categories.add(label(test, p));
            }
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String f : r.forms()) {
            List<Double> v = new ArrayList<>();
            for (int p : PIPELINES) {
                for (String test : TESTS) {
                    double base = perRequest(r, r.forms().get(0), test, p);
                    v.add(100 * perRequest(r, f, test, p) / base);
                }
            }
            series.put(f, v);
        }
        return PercentChart.write("Redis: guest instructions per request, % of the " + r.forms().get(0) + " form",
                r.forms().get(0), categories, series, png);
    }

    private static double perRequest(Result r, String form, String test, int p) {
        return r.counts().stream().filter(c -> c.form().equals(form) && c.test().equals(test) && c.pipeline() == p)
                .mapToDouble(Count::perRequest).findFirst().orElse(Double.NaN);
    }
}
