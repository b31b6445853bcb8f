package dev.ukl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ukl.Project;
import dev.ukl.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ukl bench syscalls --clock} as a user runs it on a host without usable KVM: refused
 * with one line, then forced under TCG, where its report must say on every line that the cycles
 * are emulated, and alternate the forms over five rounds. It never checks a figure's size.
 */
class ClockBenchIT {
    @Test
    void underTcgTheClockModeIsRefusedThenForcedAndSaysSoOnEveryLine() throws Exception {
        Project project = Project.locate();
        ClockRuns.assumeTcg(project);
        ClockRuns.refusedUnderTcg("bench", "syscalls", "--clock", "--form", "ukl");

        ClockRuns.Outcome forced = ClockRuns.ukl("bench", "syscalls", "--clock", "--force", "--form", "ukl");
        assertThat(forced.status()).as(forced.err()).isZero();
        List<String> report = ClockRuns.report(forced.out());
        assertThat(report).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(ClockReport.EMULATED));
        assertThat(report.get(0)).contains("over 5 rounds");
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("accelerator: TCG (emulated"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("mitigations: kernel built without"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("getppid").contains("ns"));
        assertThat(report).anySatisfy(l -> assertThat(l).contains("user").contains("ukl / user"));

        JsonNode doc = Json.MAPPER.readTree(project.build().resolve("bench/syscalls-clock.json").toFile());
        assertThat(doc.path("emulated").asBoolean()).isTrue();
        JsonNode result = doc.path("result");
        assertThat(result.path("forms")).extracting(JsonNode::asText).containsExactly("user", "ukl");
        assertThat(result.path("rounds").asInt()).isEqualTo(5);
        // the order the forms ran in, round by round: rotated each round
        List<String> order = new ArrayList<>();
        for (JsonNode s : result.path("samples")) {
            if (s.path("name").asText().equals("getppid")) {
                order.add(s.path("round").asInt() + ":" + s.path("form").asText());
                assertThat(s.path("bestPerCall").asDouble()).isPositive();
            }
        }
        assertThat(order).containsExactly("1:user", "1:ukl", "2:ukl", "2:user", "3:user", "3:ukl", "4:ukl",
                "4:user", "5:user", "5:ukl");
        assertThat(Path.of(forced.out().lines().filter(l -> l.startsWith("JSON: ")).findFirst().orElseThrow()
                .substring(6))).exists();
    }
}
