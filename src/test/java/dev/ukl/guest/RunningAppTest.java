package dev.ukl.guest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's output and status, read from consoles captured from real runs of guest/run-args. */
class RunningAppTest {
    private static final Pattern INIT_READY = Pattern.compile(Pattern.quote("Run /UKL as init process"));

    static List<String> console(String name) throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/guest").resolve(name));
    }

    @Test
    void asInitTheAppsLinesAreTheConsolesAfterItsStartThatTheKernelDidNotPrint() throws IOException {
        List<String> console = console("run-args-init-console.txt");
        assertThat(RunningApp.appLines(console, INIT_READY)).containsExactly(
                "argc 3", "argv[1] = 'one'", "argv[2] = 'two words'", "GREETING = 'hello there'", "/data/in.txt:",
                "line one", "line two", "args: goodbye on stderr");
    }

    @Test
    void asInitTheStatusIsInTheKernelsLastWords() throws IOException {
        assertThat(RunningApp.status(console("run-args-init-console.txt"), Boot.Output.INIT)).contains(3);
        // exitcode=0x0000000b: killed by SIGSEGV
        assertThat(RunningApp.status(console("run-args-init-segv-console.txt"), Boot.Output.INIT)).contains(139);
    }

    @Test
    void fromTheShellTheStatusIsInitsLine() throws IOException {
        List<String> console = console("run-args-user-console.txt");
        assertThat(RunningApp.status(console, Boot.Output.SERIAL)).contains(139);
        // a guest cut off before the line has no status to give
        List<String> cut = console.stream().filter(l -> !l.startsWith("ukl-guest: app exited")).toList();
        assertThat(RunningApp.status(cut, Boot.Output.SERIAL)).isEqualTo(Optional.empty());
    }
}
