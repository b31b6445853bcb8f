package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.runtime.MuslRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Build the UKL C runtime (musl 1.2.3 from Debian's source package with runtime/musl/ukl.patch) "
                + "if it is missing or stale, and say where it is.")
public final class RuntimeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rebuild", description = "Build it from scratch even if it is up to date.")
    boolean rebuild;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Common.out(spec);
        MuslRuntime runtime = new MuslRuntime(Project.locate());
        if (rebuild) {
            java.nio.file.Files.deleteIfExists(runtime.prefix().resolve(".ukl-stamp"));
        }
        long t0 = System.nanoTime();
        boolean was = runtime.upToDate();
        runtime.ensure(out);
        out.printf("UKL runtime: %s (%s)%n", runtime.prefix(),
                was ? "up to date" : String.format("built in %.0f s", (System.nanoTime() - t0) / 1e9));
        return 0;
    }
}
