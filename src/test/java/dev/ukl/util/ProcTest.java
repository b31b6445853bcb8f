package dev.ukl.util;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two ways of running a command that KvmProbe and ukl cc use, on real processes. */
class ProcTest {
    @Test
    void untilLineStopsAtTheFirstMatchAtTheEndOrAtTheTimeout() {
        long t0 = System.nanoTime();
        assertThat(Proc.untilLine(List.of("sh", "-c", "echo starting; echo ready >&2; sleep 30"),
                Duration.ofSeconds(20), l -> l.equals("ready"))).as("a match on stderr, then the process stopped")
                .isTrue();
        assertThat(Proc.untilLine(List.of("sh", "-c", "echo nothing"), Duration.ofSeconds(20),
                l -> l.equals("ready"))).isFalse();
        assertThat(Proc.untilLine(List.of("sleep", "30"), Duration.ofMillis(500), l -> true)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("none of them waited for its sleep")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(Proc.untilLine(List.of("/no/such/program"), Duration.ofSeconds(1), l -> true)).isFalse();
    }

    @Test
    void interactiveGivesTheExitCodeAndOneClearErrorForAMissingProgram() {
        assertThat(Proc.interactive(List.of("sh", "-c", "exit 3"))).isEqualTo(3);
        assertThatThrownBy(() -> Proc.interactive(List.of("/no/such/program"))).isInstanceOf(UklException.class)
                .hasMessageContaining("cannot run /no/such/program").hasMessageContaining("ukl doctor");
    }
}
