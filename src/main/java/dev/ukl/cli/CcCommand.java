package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.runtime.UklCc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "cc", mixinStandardHelpOptions = true,
        description = {"A C compiler for UKL apps: point a build at it (make CC=\"./ukl cc\").",
                "Compiles with the kernel code model against the UKL C runtime (musl); a link writes the app "
                        + "archive (run it with 'ukl run FILE'). Every other argument is gcc's.",
                "With --userspace (first) the same command line makes a normal static musl program."})
public final class CcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--userspace", description = "Build the normal static musl program instead (musl-gcc -static).")
    boolean userspace;

    @Parameters(paramLabel = "GCC-ARGS", description = "gcc's arguments: sources, objects, -c, -o, -l...")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return run(args, userspace, spec.commandLine().getErr());
    }

    /** The driver without picocli's option parsing, which gcc's arguments would confuse. */
    public static int run(List<String> args, boolean userspace, PrintWriter err) {
        return new UklCc(Project.locate(), err).run(args, userspace);
    }
}
