package dev.ukl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ukl.Project;
import dev.ukl.util.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ukl bench echo --clock} as a user runs it on a host without usable KVM: refused with one
 * line, then forced under TCG on two forms with a small load, where its report must say on every
 * line that the times are emulated and alternate the forms over five rounds. It never checks a
 * figure's size.
 */
class EchoClockIT {
    @Test
    void underTcgTheEchoClockModeIsRefusedThenForcedAndSaysSoOnEveryLine() throws Exception {
        Project project = Project.locate();
        ClockRuns.assumeTcg(project);
        ClockRuns.refusedUnderTcg("bench", "echo", "--clock", "--form", "ukl");

        ClockRuns.Outcome forced = ClockRuns.ukl("bench", "echo", "--clock", "--force", "--form", "ukl",
                "--connections", "2", "--requests", "50");
        assertThat(forced.status()).as(forced.err()).isZero();
        List<String> report = ClockRuns.report(forced.out());
        assertThat(report).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith(ClockReport.EMULATED));
        assertThat(report.get(0)).contains("2 connections x 50 requests").contains("over 5 rounds");
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("accelerator: TCG (emulated"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("mitigations: kernel built without"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("form").contains("requests/s")
                .contains("round trip p99 us").contains("req/s / user"));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("user ").endsWith("-" + ClockReport.EMULATED));
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("ukl ").matches(".*\\d\\.\\d\\d \\(.*"));

        JsonNode doc = Json.MAPPER.readTree(project.build().resolve("bench/echo-clock.json").toFile());
        assertThat(doc.path("emulated").asBoolean()).isTrue();
        JsonNode result = doc.path("result");
        assertThat(result.path("forms")).extracting(JsonNode::asText).containsExactly("user", "ukl");
        List<String> order = new ArrayList<>();
        for (JsonNode s : result.path("samples")) {
            order.add(s.path("round").asInt() + ":" + s.path("form").asText());
            assertThat(s.path("requests").asLong()).isEqualTo(100);
            assertThat(s.path("nanos").asLong()).isPositive();
            assertThat(s.path("p99Micros").asDouble()).isGreaterThanOrEqualTo(s.path("p50Micros").asDouble());
        }
        assertThat(order).containsExactly("1:user", "1:ukl", "2:ukl", "2:user", "3:user", "3:ukl", "4:ukl",
                "4:user", "5:user", "5:ukl");
    }
}
