package dev.ukl.cli;

import dev.ukl.UklException;
import dev.ukl.archive.ArchiveChecker;
import dev.ukl.archive.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Inspect a UKL archive: object format, relocations the kernel cannot link, "
                + "leftover syscall instructions, undefined symbols.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "The archive (UKL.a) to inspect.")
    Path archive;

    @Override
    public Integer call() {
        PrintWriter out = Common.out(spec);
        CheckReport r = new ArchiveChecker().check(archive);
        print(r, out);
        if (!r.ok()) {
            throw new UklException(archive + ": " + r.findings().size() + " problem(s) found");
        }
        return 0;
    }

    static void print(CheckReport r, PrintWriter out) {
        out.println("objects: " + String.join(" ", r.objects()));
        List<String> findings = r.findings();
        findings.forEach(f -> out.println("problem: " + f));
        out.println("undefined symbols: " + (r.undefined().isEmpty() ? "none" : String.join(" ", r.undefined())));
        out.println(findings.isEmpty() ? "check: ok" : "check: " + findings.size() + " problem(s)");
    }
}
