package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Guest instructions per request of the sample echo server (samples/tcp_server), client on the
 * host, counted by the plugin over the whole guest (ServerCount): an empty window, then one
 * around the host's requests. Per request is their difference over the requests.
 */
public final class EchoBench {
    private static final int SERVER_PORT = 5555;

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

    public Result run(Form form, int connections, int requestsPerConnection, PrintStream echo) {
        App app = App.load(pipeline.project().root().resolve("samples/tcp_server"));
        long requests = (long) connections * requestsPerConnection;
        pipeline.out().println("bench: echo server, " + form.label() + " form, " + connections + " connections x "
                + requestsPerConnection + " requests from the host (counting plugin)");
        pipeline.out().flush();
        ServerCount.Load load = new ServerCount.Load() {
            @Override
            public String name() {
                return connections + " x " + requestsPerConnection + " requests";
            }

            @Override
            public long run(int hostPort) {
                long served = new EchoRequests(hostPort, connections, requestsPerConnection).run();
                if (served != requests) {
                    throw new UklException("the echo server answered " + served + " of " + requests + " requests");
                }
                return served;
            }
        };
        ServerCount.Window w = new ServerCount(pipeline)
                .run(app, form, Integer.toString(SERVER_PORT), SERVER_PORT, List.of(load), echo).get(0);
        return new Result(form.label(), w.requests(), w.emptyWindow(), w.loadWindow());
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
        Json.write(file, Map.of("unit", "guest instructions per request", "forms", results));
    }
}
