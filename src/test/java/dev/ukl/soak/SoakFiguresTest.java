package dev.ukl.soak;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak's figures, read from a console log captured from a real `ukl soak` run. */
class SoakFiguresTest {
    private static final Path LOG = Path.of("src/test/resources/guest/soak-console.log");

    @Test
    void theFiguresAreTheSoakLinesInOrderWithoutTheKernelsOutput() {
        assertThat(SoakFigures.read(LOG)).hasSize(4).satisfies(f -> {
            assertThat(f.get(0)).matches("kills 1000 of 1000 in \\d+ s; tasks \\d+ -> \\d+; MemAvailable \\d+ -> \\d+ kB");
            assertThat(f.get(1)).startsWith("ukl random system calls: 100 batches of 10000 in ");
            assertThat(f.get(2)).startsWith("user_form random system calls: 100 batches of 10000 in ");
            assertThat(f.get(3)).isEqualTo("kernel log: no oops, no warning");
        });
    }

    @Test
    void theEchoSoaksFiguresComeFromItsOwnConsole() {
        assertThat(SoakFigures.read(Path.of("src/test/resources/guest/soak-echo-console.log"))).containsExactly(
                "echo server killed 60 times of 60, every 10 s for 607 s", "kernel log: no oops, no warning");
    }

    @Test
    void otherLinesAreNotFigures() {
        assertThat(SoakFigures.of("[    1.0] soak: not a figure\n# soaked\nok 1 x\n    # soak: nested\n"))
                .containsExactly("nested");
    }

    @Test
    void aMissingLogIsOneClearError() {
        assertThatThrownBy(() -> SoakFigures.read(Path.of("no/such/console.log")))
                .isInstanceOf(UklException.class).hasMessageContaining("no/such/console.log");
    }
}
