package dev.ukl.runtime;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.archive.ArchiveChecker;
import dev.ukl.archive.CheckReport;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ukl cc}: a C compiler driver for the UKL runtime. Compiling adds the kernel code model
 * and the runtime's headers; linking makes a relocatable link of crt1.o, the program and the
 * runtime's libc.a (only the members the program needs) and writes it as an app archive with
 * every symbol renamed ukl_, ready for {@code ukl run}. With --userspace the same command line
 * makes a normal static musl program instead (musl-gcc -static), so every program has both forms.
 */
public final class UklCc {
    /** Kernel uapi headers (linux/, asm/) after the C library's own, which musl's do not include. */
    static final List<String> UAPI_HEADERS = List.of("-idirafter", "/usr/include",
            "-idirafter", "/usr/include/x86_64-linux-gnu");

    private final Project project;
    private final PrintWriter err;
    private final boolean capture;

    /** The compiler driver of {@code ukl cc}: the tools it runs write to the terminal. */
    public UklCc(Project project, PrintWriter err) {
        this(project, err, false);
    }

    private UklCc(Project project, PrintWriter err, boolean capture) {
        this.project = project;
        this.err = err;
        this.capture = capture;
    }

    /**
     * A driver for a build that reports its own errors: what the tools print (the compiler's
     * and linker's messages) goes to {@code err} with the driver's own lines.
     */
    public static UklCc capturing(Project project, PrintWriter err) {
        return new UklCc(project, err, true);
    }

    /** Runs the driver; returns the exit code, as a compiler does. */
    public int run(List<String> args, boolean userspace) {
        CcArguments cc;
        try {
            cc = CcArguments.parse(args, !userspace);
        } catch (CcException e) {
            err.println("ukl cc: error: " + e.getMessage());
            return 1;
        }
        if (userspace) {
            return userspace(args, cc);
        }
        MuslRuntime runtime = new MuslRuntime(project);
        runtime.ensure(err);
        return switch (cc.mode()) {
            case QUERY -> exec(withFirst("gcc", args));
            case COMPILE -> exec(compileCommand(runtime, cc, cc.output()));
            case LINK -> link(runtime, cc);
        };
    }

    private int userspace(List<String> args, CcArguments cc) {
        List<String> cmd = new ArrayList<>(List.of("musl-gcc"));
        if (cc.mode() == CcArguments.Mode.LINK) {
            cmd.add("-static");
        }
        if (cc.mode() != CcArguments.Mode.QUERY) {
            cmd.addAll(UAPI_HEADERS);
        }
        cmd.addAll(args);
        return exec(cmd);
    }

    /** gcc with the runtime's flags and headers, then the user's arguments. */
    List<String> compileCommand(MuslRuntime runtime, CcArguments cc, String output) {
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(MuslRuntime.UKL_CFLAGS);
        cmd.addAll(List.of("-nostdinc", "-isystem", runtime.include().toString(), "-isystem", runtime.gccInclude()));
        cmd.addAll(UAPI_HEADERS);
        cmd.addAll(cc.kept());
        if (output != null) {
            cmd.addAll(List.of("-o", output));
        }
        return cmd;
    }

    private int link(MuslRuntime runtime, CcArguments cc) {
        Path out = Path.of(cc.output() == null ? "a.out" : cc.output()).toAbsolutePath();
        Path tmp = out.resolveSibling(out.getFileName() + ".ukl-link.o");
        List<String> cmd = compileCommand(runtime, cc, tmp.toString());
        // the relocatable link: crt1.o first, the program, then the C library and libgcc as a group
        int at = cmd.indexOf("-nostdinc");
        cmd.addAll(at, List.of("-r", "-nostdlib", runtime.lib().resolve("crt1.o").toString()));
        cmd.addAll(List.of("-L" + runtime.lib(), "-Wl,--start-group", runtime.lib().resolve("libc.a").toString(),
                runtime.libgcc(), "-Wl,--end-group"));
        int rc = exec(cmd);
        if (rc != 0) {
            return rc;
        }
        try {
            Files.deleteIfExists(out);
            int r = exec(List.of("ar", "crD", out.toString(), tmp.toString()));
            if (r == 0) {
                r = exec(List.of("objcopy", "--prefix-symbols=ukl_", out.toString()));
            }
            if (r != 0) {
                return r;
            }
        } catch (IOException e) {
            err.println("ukl cc: error: cannot write " + out + ": " + e.getMessage());
            return 1;
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary object is harmless
            }
        }
        CheckReport report = new ArchiveChecker().check(out);
        if (!report.ok()) {
            for (String u : report.unresolved()) {
                err.println("ukl cc: error: undefined reference to `" + u.substring("ukl_".length())
                        + "' (neither the program, the UKL runtime nor the kernel defines it)");
            }
            report.problems().forEach(p -> err.println("ukl cc: error: " + p));
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the error is reported either way
            }
            return 1;
        }
        return 0;
    }

    private static List<String> withFirst(String first, List<String> rest) {
        List<String> l = new ArrayList<>(List.of(first));
        l.addAll(rest);
        return l;
    }

    /** Runs a tool with the terminal's streams, as a compiler driver does, or into {@code err}. */
    private int exec(List<String> cmd) {
        if (System.getenv("UKL_CC_VERBOSE") != null) {
            err.println("ukl cc: " + String.join(" ", cmd));
        }
        try {
            if (!capture) {
                return Proc.interactive(cmd);
            }
            Proc.Result r = Proc.run(null, cmd);
            err.print(r.output());
            err.flush();
            return r.exitCode();
        } catch (UklException e) {
            err.println("ukl cc: error: " + e.getMessage());
            return 1;
        }
    }
}
