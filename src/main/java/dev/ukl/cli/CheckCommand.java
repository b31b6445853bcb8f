package dev.ukl.cli;

import dev.ukl.UklException;
import dev.ukl.app.ArchiveChecker;
import dev.ukl.app.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
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
            throw new UklException(archive + ": " + (r.problems().size() + r.unresolved().size()) + " problem(s) found");
        }
        return 0;
    }

    static void print(CheckReport r, PrintWriter out) {
        out.println("objects: " + String.join(" ", r.objects()));
        for (CheckReport.Problem p : r.problems()) {
            out.println("problem: " + p);
        }
        for (String u : r.unresolved()) {
            out.println("problem: " + u + ": undefined, and neither a member nor the kernel defines it"
                    + " (the kernel link would fail)");
        }
        out.println("undefined symbols: " + (r.undefined().isEmpty() ? "none" : String.join(" ", r.undefined())));
        int n = r.problems().size() + r.unresolved().size();
        out.println(n == 0 ? "check: ok" : "check: " + n + " problem(s)");
    }
}
