package dev.ukl;

import dev.ukl.cli.BenchCommand;
import dev.ukl.cli.BuildCommand;
import dev.ukl.cli.CcCommand;
import dev.ukl.cli.CheckCommand;
import dev.ukl.cli.DoctorCommand;
import dev.ukl.cli.ImageCommand;
import dev.ukl.cli.KernelCommand;
import dev.ukl.cli.ProfileCommand;
import dev.ukl.cli.RunCommand;
import dev.ukl.cli.RuntimeCommand;
import dev.ukl.cli.SoakCommand;
import dev.ukl.cli.TestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code ukl} command: build, boot, test and benchmark UKL kernels and apps. */
@Command(name = "ukl", mixinStandardHelpOptions = true, version = "ukl 0.1.0",
        description = "Build, boot, test and benchmark Unikernel Linux (UKL) kernels and apps.",
        subcommands = {DoctorCommand.class, KernelCommand.class, BuildCommand.class, CheckCommand.class,
                RunCommand.class, ImageCommand.class, TestCommand.class, SoakCommand.class, BenchCommand.class, ProfileCommand.class, CcCommand.class, RuntimeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool as the command line would; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 1 && args[0].equals("cc") && !args[1].equals("--help") && !args[1].equals("-h")) {
            // gcc's arguments go to the driver as they are; picocli would take -c or -o for its own
            boolean userspace = args[1].equals("--userspace");
            java.util.List<String> rest = java.util.List.of(args).subList(userspace ? 2 : 1, args.length);
            try {
                return CcCommand.run(rest, userspace, err);
            } catch (UklException u) {
                err.println("ukl: error: " + u.getMessage() + (u.log() == null ? "" : " (log: " + u.log() + ")"));
                return 1;
            }
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof UklException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof UklException u) {
                if (u.detail() != null && !u.detail().isBlank()) {
                    err.println(u.detail());
                }
                Path log = u.log();
                err.println("ukl: error: " + u.getMessage() + (log == null ? "" : " (log: " + log + ")"));
                return u.exitStatus();
            }
            err.println("ukl: internal error: " + ex);
            ex.printStackTrace(err);
            return 70;
        });
        return cl.execute(args);
    }
}
