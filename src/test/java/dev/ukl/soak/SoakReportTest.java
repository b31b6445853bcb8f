package dev.ukl.soak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** build/soak/report.json: the figures of the captured soak consoles survive a write and a read. */
class SoakReportTest {
    @Test
    void theReportKeepsFiguresSubtestsAndTheEchoLoad(@TempDir Path dir) throws Exception {
        List<String> figures = new java.util.ArrayList<>(SoakFigures.read(Path.of("src/test/resources/guest/soak-console.log")));
        figures.addAll(SoakFigures.read(Path.of("src/test/resources/guest/soak-echo-console.log")));
        Map<String, Boolean> subtests = new LinkedHashMap<>();
        subtests.put("soak/ukl_kills", true);
        subtests.put("soak-echo/echo_restarts", false);
        EchoLoad.Figures load = new EchoLoad.Figures(100, 9000, 12, 2_887_253, 2_960_000_000L, 0, 9169, 2168);
        Path json = dir.resolve("soak/report.json");
        new SoakReport(1000, 1_000_000, 10, figures, subtests, load, null, false).writeJson(json);

        String text = Files.readString(json);
        assertThat(text).contains("\"wrongBytes\" : 0", "\"echoLastInstance\" : null",
                "echo server killed 60 times of 60");
        SoakReport back = SoakReport.readJson(json);
        assertThat(back.figures()).hasSize(6).startsWith(figures.get(0));
        assertThat(back.subtests()).containsExactly(Map.entry("soak/ukl_kills", true),
                Map.entry("soak-echo/echo_restarts", false));
        assertThat(back.echoLoad()).isEqualTo(load);
        assertThat(back.ok()).isFalse();
        assertThat(back.kills()).isEqualTo(1000);
    }
}
