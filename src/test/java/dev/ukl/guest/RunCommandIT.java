package dev.ukl.guest;

import dev.ukl.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ukl run} as a user types it, for a command-line program (guest/run-args): the real
 * command (the tool's jar), its stdout, stderr and exit status.
 */
class RunCommandIT {
    private static final Project PROJECT = Project.locate();
    private static final String APP = PROJECT.guest().resolve("run-args").toString();
    private static final String EXPECTED = """
            argc 3
            argv[1] = 'one'
            argv[2] = 'two words'
            GREETING = 'hello there'
            /data/in.txt:
            line one
            line 'two'
            """;
    private static Path input;

    @TempDir
    static Path tmp;

    record Outcome(int status, String out, String err) {
    }

    @BeforeAll
    static void inputs() throws IOException {
        prerequisites();
        input = Files.writeString(tmp.resolve("in.txt"), "line one\nline 'two'\n");
    }

    static void prerequisites() {
        new Pipeline(PROJECT, new java.io.PrintWriter(System.out, true)).ensurePrerequisites();
    }

    /** The command line that runs the tool's jar as the launcher does. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-Dukl.root=" + PROJECT.root(), "-jar",
                PROJECT.root().resolve("target/ukl.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the tool's jar as the launcher does, with a limit well past any boot here. */
    static Outcome ukl(String... args) throws Exception {
        Path out = Files.createTempFile("ukl-run", ".out");
        Path err = Files.createTempFile("ukl-run", ".err");
        Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ukl " + String.join(" ", args) + " did not end in 30 minutes");
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        System.out.println("$ ukl " + String.join(" ", args) + "\n" + o.out() + "--- stderr ---\n" + o.err()
                + "--- status " + o.status());
        return o;
    }

    private static Outcome argsEnvAndFile(String... form) throws Exception {
        List<String> a = new ArrayList<>(List.of("run", APP));
        a.addAll(List.of(form));
        a.addAll(List.of("-e", "GREETING=hello there", "-e", "INPUT=/data/in.txt", "-v", input + ":/data/in.txt",
                "--", "one", "two words"));
        return ukl(a.toArray(String[]::new));
    }

    @Test
    void theUklAppFromTheShellGetsArgumentsVariablesAndFilesAndItsStatusIsTheCommands() throws Exception {
        Outcome o = argsEnvAndFile();
        assertThat(o.out()).isEqualTo(EXPECTED);
        assertThat(o.err()).contains("args: goodbye on stderr\n").doesNotContain("Linux version");
        assertThat(o.status()).isEqualTo(3);
    }

    @Test
    void theUklAppAsInitGetsThemFromTheKernelCommandLine() throws Exception {
        Outcome o = argsEnvAndFile("--as-init");
        // as init, stdout and stderr are both the console
        assertThat(o.out()).isEqualTo(EXPECTED + "args: goodbye on stderr\n");
        assertThat(o.status()).isEqualTo(3);
    }

    @Test
    void theUserProgramGetsTheSame() throws Exception {
        Outcome o = argsEnvAndFile("--userspace");
        assertThat(o.out()).isEqualTo(EXPECTED);
        assertThat(o.err()).contains("args: goodbye on stderr\n");
        assertThat(o.status()).isEqualTo(3);
    }

    @Test
    void aProgramKilledBySigsegvGives139InEveryForm() throws Exception {
        assertThat(ukl("run", APP, "--", "segv").status()).isEqualTo(139);
        assertThat(ukl("run", APP, "--as-init", "--", "segv").status()).isEqualTo(139);
        assertThat(ukl("run", APP, "--userspace", "--", "segv").status()).isEqualTo(139);
    }

    /**
     * strace and perf on the app from the host, in the UKL form and as the user program: strace
     * shows its system calls with their results on stderr, perf's report names the one function
     * the test app's "hot" command spends its time in.
     */
    @Test
    void straceAndPerfShowTheAppInBothShellForms() throws Exception {
        String tests = PROJECT.guest().resolve("ukl").toString();
        for (String form : List.of("--userspace", "--memory=512M")) {
            Outcome s = ukl("run", APP, form, "--strace", "--", "one");
            assertThat(s.status()).isEqualTo(3);
            assertThat(s.out()).contains("argv[1] = 'one'");
            assertThat(s.err()).contains("iov_base=\"argv[1] = 'one\"").contains("exit_group(3)")
                    .contains("+++ exited with 3 +++");
            Outcome p = ukl("run", tests, form, "--perf", "--", "hot");
            assertThat(p.status()).isZero();
            assertThat(p.err().lines().filter(l -> l.matches("\\s+[0-9.]+%.*")).findFirst().orElse(""))
                    .as(p.err()).endsWith(" hot_loop");
        }
        Outcome init = ukl("run", APP, "--as-init", "--strace");
        assertThat(init.status()).isEqualTo(125);
        assertThat(init.err()).contains("--strace, --perf and --gdb run the app from the shell");
    }

    @Test
    void theGuestHasTheMemoryAndCpusAskedFor() throws Exception {
        Outcome o = ukl("run", APP, "--memory", "1G", "--cpus", "2", "--", "resources");
        assertThat(o.status()).isZero();
        Matcher m = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(o.out());
        assertThat(m.find()).as(o.out()).isTrue();
        long kb = Long.parseLong(m.group(1));
        // 1 GiB less what the kernel keeps for itself (its image, the initramfs, reserved pages)
        assertThat(kb).isBetween(900_000L, 1_048_576L);
        assertThat(o.out()).contains("cpus online: 2\n");
        Outcome small = ukl("run", APP, "--", "resources");
        assertThat(small.out()).contains("cpus online: 1\n");
    }

    @Test
    void aGuestThatPanicsGivesItsOwnStatusAndTheConsoleTail() throws Exception {
        // no init where the kernel is told to look, and no root device: the kernel panics
        Outcome o = ukl("run", APP, "--userspace", "--kernel-arg", "rdinit=/nowhere");
        assertThat(o.status()).isEqualTo(126);
        assertThat(o.err()).contains("--- last lines of the guest console ---").contains("Kernel panic")
                .containsPattern("ukl: error: the guest kernel panicked .*\\(log: .*run-args-user-console.log\\)");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aGuestPastItsBootTimeoutGives124() throws Exception {
        Outcome o = ukl("run", APP, "--userspace", "--boot-timeout", "1");
        assertThat(o.status()).isEqualTo(124);
        assertThat(o.err()).contains("did not reach the app's start").contains("within 1 s");
    }

    @Test
    void whatUklCannotStartGives125() throws Exception {
        Outcome o = ukl("run", APP, "--as-init", "--", "say \"hi\"");
        assertThat(o.status()).isEqualTo(125);
        assertThat(o.err()).contains("ukl: error: argument 'say \"hi\"'").contains("double quotes");
    }

    /** Lua 5.4 from Debian's source, built unchanged by its own Makefile with ukl cc (samples/lua). */
    @Test
    void anInterpreterRunsAScriptGivenWithItsArgumentsAndGivesItsStatus() throws Exception {
        Path script = Files.writeString(tmp.resolve("count.lua"), """
                for i = 1, #arg do io.write(arg[i]:upper(), "\\n") end
                io.stderr:write("counted ", #arg, "\\n")
                os.exit(#arg + 40)
                """);
        String lua = PROJECT.root().resolve("samples/lua").toString();
        for (String form : List.of("--userspace", "--as-init", "")) {
            List<String> a = new ArrayList<>(List.of("run", lua));
            if (!form.isEmpty()) {
                a.add(form);
            }
            a.addAll(List.of("-v", script + ":/scripts/count.lua", "--", "/scripts/count.lua", "one", "two words"));
            Outcome o = ukl(a.toArray(String[]::new));
            assertThat(o.status()).as(form).isEqualTo(42);
            String expected = "ONE\nTWO WORDS\n";
            assertThat(o.out()).as(form).isEqualTo(form.equals("--as-init") ? expected + "counted 2\n" : expected);
        }
    }
}
