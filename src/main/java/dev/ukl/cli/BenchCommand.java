package dev.ukl.cli;

import dev.ukl.bench.SyscallBench;
import dev.ukl.bench.SyscallReport;
import dev.ukl.guest.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that report; they never fail on a time.")
public final class BenchCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "syscalls", mixinStandardHelpOptions = true,
            description = "System-call costs in guest instructions per call (QEMU -icount), as a table and JSON.")
    int syscalls(@Option(names = "--runs", defaultValue = "1",
                         description = "Boots per form; more than one shows whether counts repeat (default: ${DEFAULT-VALUE}).")
                 int runs,
                 @Option(names = "--console", description = "Show the guest's serial console.") boolean console) {
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        SyscallReport report = new SyscallReport();
        SyscallBench bench = new SyscallBench(pipeline);
        for (int i = 1; i <= runs; i++) {
            String label = runs == 1 ? "user" : "user#" + i;
            out.println("bench: run " + i + " of " + runs + " (user mode, plain kernel, -icount)");
            out.flush();
            report.add(bench.runUserspace("plain", label, console ? System.out : null));
        }
        Path json = pipeline.project().build().resolve("bench/syscalls.json");
        report.writeJson(json);
        out.print(report.table());
        out.println("JSON: " + json);
        return 0;
    }
}
