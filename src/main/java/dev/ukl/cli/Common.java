package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** Shared helpers of the subcommands. */
final class Common {
    private Common() {
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static Pipeline pipeline(CommandSpec spec) {
        return new Pipeline(Project.locate(), out(spec));
    }
}
