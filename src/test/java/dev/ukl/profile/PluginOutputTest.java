package dev.ukl.profile;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plugin's output, from a real run: the getppid case of the user form (tag 1), whose
 * benchmark measured 4,224,319 instructions between its rdtsc pairs in 2,000 batches.
 */
class PluginOutputTest {
    private static final Path GETPPID = Path.of("src/test/resources/profile/getppid-user.counts");

    @Test
    void theWindowsHoldWhatTheBenchmarkMeasuredPlusItsMarkersAndRdtsc() {
        PluginOutput p = PluginOutput.read(GETPPID);
        assertThat(p.windows()).containsEntry(1, 2000L).hasSize(1);
        // a fixed 8 instructions per window lie outside the benchmark's rdtsc pair (the ON marker
        // and the code around the two rdtsc), so the windows hold exactly what was measured
        assertThat(p.total(1)).isEqualTo(4_224_319L + 8 * 2000);
        assertThat(p.counts().get(1)).hasSizeGreaterThan(100)
                .allSatisfy((addr, n) -> assertThat(n).isPositive());
    }

    @Test
    void aBadLineIsNamedWithItsNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.counts");
        Files.writeString(f, "tag 0 windows 3\n0 401000 5\n0 zz 1\n");
        assertThatThrownBy(() -> PluginOutput.read(f)).isInstanceOf(UklException.class)
                .hasMessageContaining("bad line 3");
    }

    @Test
    void aMissingFileSaysThePluginMayNotHaveRun(@TempDir Path dir) {
        assertThatThrownBy(() -> PluginOutput.read(dir.resolve("none.counts"))).isInstanceOf(UklException.class)
                .hasMessageContaining("did QEMU load the plugin?");
    }
}
