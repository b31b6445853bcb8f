package dev.ukl.guest;

import dev.ukl.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ukl.guest.RunCommandIT.ukl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linux's own tools on a UKL app give what they give on the same program as a user program:
 * {@code ukl run --strace} on corpus programs and {@code ukl run --gdb-batch} on a program built
 * with -g, each in both forms, the transcripts compared line by line with only addresses, process
 * ids and the program's path set aside.
 */
class LinuxToolsIT {
    private static final Project PROJECT = Project.locate();
    private static final List<String> FORMS = List.of("--memory=512M", "--userspace");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void prerequisites() {
        RunCommandIT.prerequisites();
    }

    /** A corpus program as an app of its own: its one source and a descriptor. */
    private static Path corpusApp(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(PROJECT.guest().resolve("corpus").resolve(name + ".c"), dir.resolve(name + ".c"));
        Files.writeString(dir.resolve("ukl.properties"), "name=" + name + "\nlibc=musl\n");
        return dir;
    }

    /**
     * The strace lines of a run's stderr: after ukl's "is running" line, without ukl's own lines;
     * the program's path, addresses and the process id (what set_tid_address returned: the
     * kernels start different numbers of tasks before it) set aside.
     */
    static List<String> straceLines(String err, String program) {
        int start = err.indexOf(" is running ");
        List<String> lines = err.substring(start).lines().skip(1).filter(l -> !l.startsWith("ukl: ")).toList();
        String pid = lines.stream().filter(l -> l.startsWith("set_tid_address(")).findFirst()
                .map(l -> l.replaceAll(".*= ", "")).orElse("no pid");
        return lines.stream()
                .map(l -> l.replace("\"" + program + "\"", "\"PROGRAM\""))
                .map(l -> l.replaceAll("0x[0-9a-f]+", "0x…"))
                .map(l -> l.replaceAll("\\b" + pid + "\\b", "PID"))
                .toList();
    }

    @Test
    void straceShowsTheSameSystemCallsWithTheSameResultsInBothForms() throws Exception {
        for (String name : List.of("file_io", "signals_basic")) {
            Path app = corpusApp(name);
            RunCommandIT.Outcome ukl = ukl("run", app.toString(), FORMS.get(0), "--strace");
            RunCommandIT.Outcome user = ukl("run", app.toString(), FORMS.get(1), "--strace");
            assertThat(ukl.status()).isZero();
            assertThat(user.status()).isZero();
            assertThat(ukl.out()).isEqualTo(user.out());
            List<String> inKernel = straceLines(ukl.err(), "/UKL");
            List<String> asUser = straceLines(user.err(), "/apps/" + name);
            assertThat(inKernel).as("strace of %s as the UKL app", name)
                    .first().asString().startsWith("execve(\"PROGRAM\", [\"PROGRAM\"]");
            assertThat(inKernel).as("strace of %s as the UKL app and as the user program", name)
                    .hasSizeGreaterThan(15).isEqualTo(asUser).contains("+++ exited with 0 +++");
            if (name.equals("signals_basic")) {
                // a signal delivered to the app at CPL 0 and its return, as strace sees them for a user program
                assertThat(inKernel).anyMatch(l -> l.startsWith("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL,"))
                        .anyMatch(l -> l.startsWith("--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_USER,"))
                        .anyMatch(l -> l.matches("rt_sigreturn\\(\\{mask=\\[]}\\) += 0"));
            }
        }
    }

    /**
     * gdb's transcript of the script after the connection (the stop at the entry point names
     * the C library's entry, _start or the kernel's ukl.start, and comes before the script),
     * with addresses and the process id set aside, and without the one note gdb prints when it
     * first turns one of its own breakpoints into a hardware one for the UKL app's read-only text.
     */
    static List<String> gdbTranscript(String out) {
        List<String> lines = out.lines().toList();
        int first = 0;
        while (first < lines.size() && !lines.get(first).startsWith("Hardware assisted breakpoint 1 at ")) {
            first++;
        }
        return lines.subList(first, lines.size()).stream()
                .filter(l -> !l.equals("Note: automatically using hardware breakpoints for read-only addresses."))
                .map(l -> l.replaceAll("0x[0-9a-f]+", "0x…").replaceAll("process \\d+", "process N"))
                .toList();
    }

    @Test
    void aGdbScriptGivesTheSameTranscriptInBothForms() throws Exception {
        Path app = PROJECT.guest().resolve("debuggee");
        Path script = app.resolve("debug.gdb");
        RunCommandIT.Outcome ukl = ukl("run", app.toString(), FORMS.get(0), "--gdb-batch", script.toString());
        RunCommandIT.Outcome user = ukl("run", app.toString(), FORMS.get(1), "--gdb-batch", script.toString());
        for (RunCommandIT.Outcome o : List.of(ukl, user)) {
            assertThat(o.status()).as(o.err()).isZero();
            assertThat(o.err()).contains("Child exited with status 14");
        }
        List<String> inKernel = gdbTranscript(ukl.out());
        assertThat(inKernel).as(ukl.out())
                .contains("Breakpoint 1, square (x=1) at " + app.resolve("debuggee.c") + ":13")
                .anyMatch(l -> l.matches("#1  0x… in main \\(argc=1, argv=0x…\\) at .*debuggee\\.c:24"))
                .contains("Value returned is $1 = 1", "$2 = 1", "Hardware watchpoint 2: total",
                        "Old value = 1", "New value = 5", "Old value = 5", "New value = 14",
                        "[Inferior 1 (process N) exited with code 016]")
                .noneMatch(l -> l.startsWith("Backtrace stopped") || l.contains("Cannot"));
        assertThat(inKernel).as("gdb's transcript as the UKL app and as the user program")
                .isEqualTo(gdbTranscript(user.out()));
    }

    @Test
    void gdbWithStraceOrAsInitIsRefused() throws Exception {
        String app = PROJECT.guest().resolve("debuggee").toString();
        RunCommandIT.Outcome both = ukl("run", app, "--gdb", "--strace");
        assertThat(both.status()).isEqualTo(125);
        assertThat(both.err()).contains("--strace, --perf and --gdb: one tool at a time");
        RunCommandIT.Outcome init = ukl("run", app, "--gdb", "--as-init");
        assertThat(init.status()).isEqualTo(125);
        assertThat(init.err()).contains("--strace, --perf and --gdb run the app from the shell");
    }
}
