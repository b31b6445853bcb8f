package dev.ukl.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Progress bar = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "kernel ukl", 100,
            false);

    private String[] lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    }

    @Test
    void printsEveryTenthOnceInOrder() {
        for (int i = 0; i <= 100; i++) {
            bar.update(i, "CC file" + i);
        }
        bar.done("built");
        assertThat(lines()).containsExactly("kernel ukl: 0%", "kernel ukl: 10%", "kernel ukl: 20%", "kernel ukl: 30%",
                "kernel ukl: 40%", "kernel ukl: 50%", "kernel ukl: 60%", "kernel ukl: 70%", "kernel ukl: 80%",
                "kernel ukl: 90%", "kernel ukl: built");
    }

    @Test
    void aBuildLongerThanTheEstimateNeitherGoesBackNorClaimsTheEnd() {
        // the estimate is the previous build's line count; this one has three times as many lines
        for (int i = 0; i <= 300; i++) {
            bar.update(i, "CC file" + i);
        }
        String[] lines = lines();
        assertThat(lines).doesNotHaveDuplicates().doesNotContain("kernel ukl: 100%");
        int last = -1;
        for (String l : lines) {
            int pct = Integer.parseInt(l.replaceAll("\\D", ""));
            assertThat(pct).isGreaterThan(last);
            last = pct;
        }
        assertThat(last).isEqualTo(90);
    }
}
