package dev.ukl.guest;

import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShellJobTest {
    /** The guest's shell is busybox's; the same binary reads the words here. */
    @Test
    void quotedWordsReachTheProgramUnchanged() {
        List<String> words = List.of("two words", "it's", "$HOME", "`id`", "back\\slash", "", "*", "a\nb");
        StringBuilder script = new StringBuilder("for w in");
        words.forEach(w -> script.append(' ').append(ShellJob.quote(w)));
        script.append("; do printf '[%s]' \"$w\"; done; echo");
        Proc.Result r = Proc.run(null, List.of("/bin/busybox", "sh", "-c", script.toString()));
        assertThat(r.ok()).isTrue();
        StringBuilder expected = new StringBuilder();
        words.forEach(w -> expected.append('[').append(w).append(']'));
        assertThat(r.output()).isEqualTo(expected + "\n");
    }

    @Test
    void theJobExportsAndSaysItsStatus() {
        String job = ShellJob.script("args", "/UKL", List.of("a b"), Map.of("K", "v w"), 0);
        assertThat(job).contains("export K='v w'\n")
                .contains("echo \"" + ShellJob.STATUS + "$status\"");
    }

    /** The job's choice of output, run by busybox sh with a stand-in for /proc/cmdline. */
    @Test
    void theAppWritesToTheSerialTtysOnlyWhenTheKernelCommandLineSaysSo(@TempDir Path tmp) throws IOException {
        String job = ShellJob.script("args", "/UKL", List.of("a b"), Map.of(), 0);
        Path cmdline = tmp.resolve("cmdline");
        String choice = job.substring(job.indexOf("case "), job.indexOf("esac") + 4)
                .replace("/proc/cmdline", cmdline.toString())
                .replace("stty -F \"$tty\" 115200 raw -echo", "true")
                .replace("/UKL 'a b' </dev/null >/dev/ttyS1 2>/dev/ttyS2 &", "echo serial")
                .replace("/UKL 'a b' </dev/null &", "echo console");
        for (String[] c : new String[][]{{"console=ttyS0 " + ShellJob.SERIAL_PARAMETER + "\n", "serial"},
                {"console=ttyS0 x" + ShellJob.SERIAL_PARAMETER + "\n", "console"}, {"console=ttyS0\n", "console"}}) {
            Files.writeString(cmdline, c[0]);
            Proc.Result r = Proc.run(null, List.of("/bin/busybox", "sh", "-c", choice));
            assertThat(r.output().strip()).as(c[0]).isEqualTo(c[1]);
        }
    }
}
