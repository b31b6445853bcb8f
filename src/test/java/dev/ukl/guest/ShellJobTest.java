package dev.ukl.guest;

import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;

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
    void theJobExportsRunsOnTheAppsTtysAndSaysItsStatus() {
        String job = ShellJob.script("args", "/UKL", List.of("a b"), Map.of("K", "v w"), 0, true);
        assertThat(job).contains("export K='v w'\n").contains("stty -F \"$tty\" 115200 raw -echo")
                .contains("/UKL 'a b' </dev/null >/dev/ttyS1 2>/dev/ttyS2 &")
                .contains("echo \"" + ShellJob.STATUS + "$status\"");
        String onConsole = ShellJob.script("args", "/UKL", List.of(), Map.of(), 0, false);
        assertThat(onConsole).contains("/UKL </dev/null &").doesNotContain("ttyS1");
    }
}
