package dev.ukl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ukl.Main;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Json;
import dev.ukl.vm.QemuConfig;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code ukl bench echo --clock} as a user runs it on a host without usable KVM: refused with one
 * line, then forced under TCG on two forms with a small load, where its report must say on every
 * line that the times are emulated and alternate the forms over five rounds. It never checks a
 * figure's size.
 */
class EchoClockIT {
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome ukl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out);
        System.out.print(err);
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void underTcgTheEchoClockModeIsRefusedThenForcedAndSaysSoOnEveryLine() throws Exception {
        Project project = Project.locate();
        Pipeline p = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        assumeThat(p.accelerator(p.kernel("plain"))).as("a host where KVM boots the guests runs the clock "
                + "mode for real").isEqualTo(QemuConfig.Accelerator.TCG);

        Outcome refused = ukl("bench", "echo", "--clock", "--form", "ukl");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).singleElement().asString()
                .startsWith("ukl: error: the clock mode needs KVM").contains("--force");

        Outcome forced = ukl("bench", "echo", "--clock", "--force", "--form", "ukl", "--connections", "2",
                "--requests", "50");
        assertThat(forced.status()).as(forced.err()).isZero();
        List<String> report = new ArrayList<>();
        boolean in = false;
        for (String l : forced.out().lines().toList()) {
            in |= l.startsWith("clock mode:");
            if (in) {
                report.add(l);
            }
            in &= !l.startsWith("ratios:");
        }
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
