package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.bench.BootBench;
import dev.ukl.bench.ClockBench;
import dev.ukl.bench.ClockReport;
import dev.ukl.bench.EchoBench;
import dev.ukl.bench.EchoClock;
import dev.ukl.bench.RedisBench;
import dev.ukl.bench.SqliteBench;
import dev.ukl.bench.SyscallChart;
import dev.ukl.bench.SyscallBench;
import dev.ukl.bench.SyscallReport;
import dev.ukl.guest.Pipeline;
import dev.ukl.vm.QemuConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that report; they never fail on a time.")
public final class BenchCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "syscalls", mixinStandardHelpOptions = true,
            description = "System-call costs in guest instructions per call (QEMU -icount), as a table and JSON. "
                    + "One source (guest/ukl-bench), run as a user program and, with --ukl, as the UKL app; "
                    + "with --java, its main cases in Java too.")
    int syscalls(@Option(names = "--ukl", description = "Also run it as the UKL app, side by side: with the fast "
            + "paths off (ukl-base, booted with ukl_bypass=off ukl_shortcuts=off ukl_ret=off), each alone "
            + "(ukl-bypass, ukl-shortcuts, ukl-ret) and all on (ukl); and, as a control, the user program on that "
            + "UKL kernel (user-on-ukl).") boolean ukl,
                 @Option(names = "--runs", defaultValue = "1",
                         description = "Boots per form; more than one shows whether counts repeat (default: ${DEFAULT-VALUE}).")
                 int runs,
                 @Option(names = "--java", description = "Also run the main cases written in Java "
                         + "(guest/java/bench, compiled by TeaVM), as rows beside C's.") boolean java,
                 @Option(names = "--baseline", paramLabel = "JSON", description = "An earlier report "
                         + "(build/bench/syscalls.json kept from another kernel, say): its columns, marked base:, "
                         + "beside today's.") Path baseline,
                 @Mixin ClockOptions clockOptions,
                 @Option(names = "--form", split = ",", paramLabel = "FORM", description = "Clock mode: the forms "
                         + "to run (default: user, and with --ukl every form); the user form always runs, as the "
                         + "baseline.") List<String> formNames,
                 @Option(names = "--console", description = "Show the guest's serial console.") boolean console) {
        PrintWriter out = Common.out(spec);
        List<SyscallReport.Run> base = baseline == null ? List.of() : SyscallReport.readJson(baseline, "base:");
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        QemuConfig.Accelerator accelerator = clockOptions.choose(pipeline, out, "TSC cycles per call");
        if (accelerator != null) {
            if (java || runs != 1 || baseline != null) {
                throw new UklException("--java, --runs and --baseline belong to the -icount mode (--icount); the clock "
                        + "mode runs --rounds");
            }
            List<Form> forms = formNames != null && !formNames.isEmpty()
                    ? formNames.stream().map(l -> Form.of(l, Form.BENCHED)).toList()
                    : ukl ? Form.BENCHED : List.of(Form.USER);
            ClockBench.Result r = new ClockBench(pipeline).run(accelerator, forms, clockOptions.rounds,
                    clockOptions.force, console ? System.out : null);
            Path json = pipeline.project().build().resolve("bench/syscalls-clock.json");
            ClockBench.writeJson(r, json);
            out.print(ClockReport.table(r));
            out.println("JSON: " + json);
            return 0;
        }
        if (formNames != null) {
            throw new UklException("--form belongs to the clock mode (--clock)");
        }
        SyscallReport report = new SyscallReport();
        SyscallBench bench = new SyscallBench(pipeline);
        List<Form> forms = ukl ? Form.BENCHED
                : List.of(Form.USER);
        for (Form form : forms) {
            for (int i = 1; i <= runs; i++) {
                String label = runs == 1 ? form.label() : form.label() + "#" + i;
                out.println("bench: " + label + " (run " + i + " of " + runs + ", -icount)");
                out.flush();
                SyscallReport.Run run = bench.run(form, label, console ? System.out : null);
                if (java) {
                    run = run.with(bench.run(form, SyscallBench.Program.JAVA, label, console ? System.out : null));
                }
                report.add(run);
            }
        }
        Path json = pipeline.project().build().resolve("bench/syscalls.json");
        report.writeJson(json);
        if (!base.isEmpty()) {
            SyscallReport both = new SyscallReport();
            base.forEach(both::add);
            report.runs().forEach(both::add);
            report = both;
        }
        out.print(report.table());
        out.println("JSON: " + json);
        if (report.runs().size() > 1) {
            out.println("chart: " + SyscallChart.write(report, json.resolveSibling("syscalls.png")));
        }
        return 0;
    }

    @Command(name = "sqlite", mixinStandardHelpOptions = true,
            description = "A whole application: the SQLite shell from Debian's source running the 10,000-row "
                    + "script as a static musl program and as the UKL app with its fast paths off, each alone "
                    + "and all on (one boot per form), in guest instructions per run (QEMU -icount), as a table "
                    + "and JSON. In the clock mode (--clock; the default where KVM boots the guests): TSC cycles "
                    + "per run, each form booted without -icount once per round, the forms alternated over "
                    + "--rounds rounds; build/bench/sqlite-clock.json.")
    int sqlite(@Option(names = "--runs", defaultValue = "3",
                       description = "Runs per form (default: ${DEFAULT-VALUE}).") int runs,
               @Option(names = "--form", split = ",", paramLabel = "FORM",
                       description = "Forms to run (default: all of user, ukl-base, ukl-bypass, ukl-shortcuts, "
                               + "ukl-ret, ukl).") List<String> forms,
               @Option(names = "--baseline", paramLabel = "JSON", description = "An earlier report "
                       + "(build/bench/sqlite.json kept from another kernel, say): its rows, marked base:, above "
                       + "today's.") Path baseline,
               @Option(names = "--profile", description = "Also count every run's guest instructions by function "
                       + "(QEMU's profiling plugin) and compare each form with the user program, function by "
                       + "function; every function in build/bench/sqlite-profile.json.") boolean profile,
               @Option(names = "--top", defaultValue = "25", paramLabel = "N",
                       description = "With --profile: functions shown per form (default: ${DEFAULT-VALUE}).") int top,
               @Option(names = "--no-pie-control", description = "A row more, user-nopie: the shell as a user "
                       + "program compiled and linked as position-dependent code (-fno-pie -no-pie), the UKL "
                       + "build's code model, on the plain kernel.") boolean noPieControl,
               @Mixin ClockOptions clockOptions,
               @Option(names = "--console", description = "Show the guest's serial console.") boolean console) {
        if (runs < 1 || runs > 50) {
            throw new UklException("--runs must be 1 to 50");
        }
        PrintWriter out = Common.out(spec);
        SqliteBench.Result base = baseline == null ? null : SqliteBench.Result.readJson(baseline);
        List<Form> chosen = forms == null || forms.isEmpty()
                ? Form.COMPARED
                : forms.stream().map(l -> Form.of(l, Form.BENCHED)).toList();
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        QemuConfig.Accelerator accelerator = clockOptions.choose(pipeline, out, "TSC cycles per run");
        if (accelerator != null) {
            if (profile || baseline != null || noPieControl) {
                throw new UklException("--profile, --baseline and --no-pie-control belong to the -icount mode "
                        + "(--icount)");
            }
            ClockBench.Result r = new SqliteBench(pipeline).clock(accelerator, chosen, runs, clockOptions.rounds,
                    clockOptions.force, console ? System.out : null);
            Path json = pipeline.project().build().resolve("bench/sqlite-clock.json");
            ClockBench.writeJson(r, json, "TSC cycles per run of the script (fork to wait)");
            out.print(ClockReport.table(r, "TSC cycles per run of the script (fork to wait), the fewest of a "
                    + "round's " + runs));
            out.println("JSON: " + json);
            return 0;
        }
        SqliteBench.Result r = new SqliteBench(pipeline).run(
                new SqliteBench.Request(chosen, runs, profile, noPieControl), console ? System.out : null);
        Path json = pipeline.project().build().resolve("bench/sqlite.json");
        r.writeJson(json);
        out.print(r.table(base));
        out.println("JSON: " + json);
        if (profile) {
            Path profiles = json.resolveSibling("sqlite-profile.json");
            r.writeProfiles(profiles);
            out.println();
            out.print(r.profileTable(top));
            out.println("profile: every form and function in " + profiles);
        }
        return 0;
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "The sample echo server (samples/tcp_server) under request-response load from the host "
                    + "(64-byte requests): guest instructions per request, counted by a QEMU plugin over the whole "
                    + "guest (server, kernel, network stack), as the user program and as the UKL app with its fast "
                    + "paths off and on; a table and build/bench/echo.json. In the clock mode (--clock; the default "
                    + "where KVM boots the guests): requests per second and round trips in wall-clock time, every "
                    + "form booted at once without -icount, the forms alternated over --rounds rounds; a table "
                    + "and build/bench/echo-clock.json.")
    int echo(@Option(names = "--connections", defaultValue = "4", paramLabel = "N",
                     description = "Host connections, side by side (default: ${DEFAULT-VALUE}).") int connections,
             @Option(names = "--requests", defaultValue = "1000", paramLabel = "N",
                     description = "Requests per connection (default: ${DEFAULT-VALUE}).") int requests,
             @Option(names = "--form", split = ",", paramLabel = "FORM",
                     description = "Forms to run (default: all of user, ukl-base, ukl-bypass, ukl-shortcuts, "
                             + "ukl-ret, ukl; user-on-ukl is the user program on the UKL kernel).") List<String> formNames,
             @Mixin ClockOptions clockOptions,
             @Option(names = "--console", description = "Show the guest's serial console.") boolean console) {
        if (connections < 1 || connections > 64 || requests < 1 || requests > 1_000_000) {
            throw new UklException("--connections must be 1 to 64 and --requests 1 to 1000000");
        }
        List<Form> forms = formNames == null || formNames.isEmpty() ? Form.COMPARED
                : formNames.stream().map(l -> Form.of(l, Form.BENCHED)).toList();
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        QemuConfig.Accelerator accelerator = clockOptions.choose(pipeline, out, "wall-clock time");
        if (accelerator != null) {
            EchoClock.Result r = new EchoClock(pipeline).run(accelerator, forms, connections, requests,
                    clockOptions.rounds, clockOptions.force, console ? System.out : null);
            Path json = pipeline.project().build().resolve("bench/echo-clock.json");
            EchoClock.writeJson(r, json);
            out.print(EchoClock.table(r));
            out.println("JSON: " + json);
            return 0;
        }
        List<EchoBench.Result> results = new java.util.ArrayList<>();
        for (Form form : forms) {
            results.add(new EchoBench(pipeline).run(form, connections, requests, console ? System.out : null));
        }
        Path json = pipeline.project().build().resolve("bench/echo.json");
        EchoBench.writeJson(results, json);
        out.print(EchoBench.table(results));
        out.println("JSON: " + json);
        return 0;
    }

    @Command(name = "redis", mixinStandardHelpOptions = true,
            description = "Redis (samples/redis) under redis-benchmark from the host (SET, GET, INCR, LPUSH, LPOP, "
                    + "without and with -P 16) as the user program and as the UKL app with its fast paths off and "
                    + "on: guest instructions per request, counted by a QEMU plugin over the whole guest; then "
                    + "throughput and p50/p99 latency from wall-clock rounds alternating between the forms, as "
                    + "ratios to the user form; a table, build/bench/redis.json and build/bench/redis.png.")
    int redis(@Option(names = "--requests", defaultValue = "10000", paramLabel = "N",
                      description = "Requests per test in the counted windows (default: ${DEFAULT-VALUE}).")
              int countRequests,
              @Option(names = "--clock-requests", defaultValue = "20000", paramLabel = "N",
                      description = "Requests per test in each wall-clock round (default: ${DEFAULT-VALUE}).")
              int clockRequests,
              @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
                      description = "Wall-clock rounds, each running the load on every form once, alternating: 5 "
                              + "to 50, or 0 for counts only (default: ${DEFAULT-VALUE}; under TCG none unless "
                              + "--force).") int rounds,
              @Option(names = "--force", description = "Run the wall-clock rounds under TCG too; every line of "
                      + "their table says the times are emulated.") boolean force,
              @Option(names = "--console", description = "Show the guests' serial consoles.") boolean console) {
        if (countRequests < 100 || countRequests > 10_000_000 || clockRequests < 1000 || clockRequests > 10_000_000
                || rounds < 0 || rounds > 50) {
            throw new UklException("--requests must be 100 to 10000000, --clock-requests 1000 to 10000000 and "
                    + "--rounds 0 to 50");
        }
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        QemuConfig.Accelerator accelerator = pipeline.accelerator(pipeline.kernel(Form.USER.variant()));
        if (rounds > 0 && accelerator != QemuConfig.Accelerator.KVM && !force) {
            out.println("bench: no wall-clock rounds: this host boots the guests under " + accelerator + ", where "
                    + "times are emulation artefacts (--force runs them anyway, marked emulated)");
            rounds = 0;
        }
        RedisBench.Result r = new RedisBench(pipeline).run(Form.COMPARED, countRequests,
                clockRequests, rounds, accelerator, console ? System.out : null);
        Path json = pipeline.project().build().resolve("bench/redis.json");
        RedisBench.writeJson(r, json);
        out.print(RedisBench.countTable(r));
        out.print(RedisBench.clockTable(r));
        out.println("JSON: " + json);
        out.println("chart: " + RedisBench.chart(r, json.resolveSibling("redis.png")));
        return 0;
    }

    @Command(name = "boot", mixinStandardHelpOptions = true,
            description = "What booting an app costs in each form, as unikernels are compared: the kernel "
                    + "image (with the app linked in for the UKL forms) and the initramfs in bytes, guest "
                    + "instructions under -icount from QEMU's first (firmware included) to a server's first "
                    + "listen(), or to the end of a command-line program (an app without a port) and the guest's "
                    + "power-off, and the smallest --memory in which a server starts and accepts a connection, or "
                    + "a command-line program runs to its end; as the user program on the plain kernel, as the "
                    + "UKL app from a shell and as init. A table and build/bench/boot.json.")
    int boot(@Parameters(paramLabel = "APP", arity = "0..*",
                     description = "Apps: servers (a port in ukl.properties, or --port) and command-line "
                             + "programs (no port); default: samples/tcp_server.")
             List<Path> apps,
             @Option(names = "--form", split = ",", paramLabel = "FORM",
                     description = "Forms (default: user, ukl-shell, ukl-init, ukl-bare: as init from an initramfs with the app alone).") List<String> formNames,
             @Option(names = "--port", paramLabel = "PORT",
                     description = "The guest port of the apps that do not give one in a ukl.properties (a "
                             + "prebuilt UKL archive, which runs in the UKL forms only).") Integer port,
             @Option(names = "--floor-step", defaultValue = "8", paramLabel = "MIB",
                     description = "Resolution of the memory floor's search, in MiB; 0 not to search it "
                             + "(default: ${DEFAULT-VALUE}).") int floorStep,
             @Option(names = "--console", description = "Show the guests' serial consoles.") boolean console) {
        if (floorStep < 0 || floorStep > 256) {
            throw new UklException("--floor-step must be 0 (no search) to 256 MiB");
        }
        List<Form> forms = formNames == null || formNames.isEmpty() ? Form.STARTS
                : formNames.stream().map(l -> Form.of(l, Form.STARTS)).toList();
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        List<Path> paths = apps == null || apps.isEmpty()
                ? List.of(pipeline.project().root().resolve("samples/tcp_server")) : apps;
        if (port != null && (port < 1 || port > 65535)) {
            throw new UklException("--port must be 1 to 65535");
        }
        List<App> loaded = paths.stream().map(App::load)
                .map(a -> a.port() == 0 && port != null ? a.withPort(port) : a).toList();
        // where KVM boots the guests, a boot at hardware speed gives the wall time to ready too
        QemuConfig.Accelerator accelerator = pipeline.accelerator(pipeline.kernel(Form.USER.variant()));
        List<BootBench.Result> results = new java.util.ArrayList<>();
        for (App app : loaded) {
            results.add(new BootBench(pipeline, floorStep).withWallClock(accelerator)
                    .run(app, forms, console ? System.out : null));
        }
        Path json = pipeline.project().build().resolve("bench/boot.json");
        dev.ukl.util.Json.write(json, results);
        out.print(BootBench.table(results));
        out.println("JSON: " + json);
        return 0;
    }
}
