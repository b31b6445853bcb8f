package dev.ukl.bench;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** redis-benchmark's CSV (captured from a real run), the server's shell line, the ratio table. */
class RedisBenchTest {
    @Test
    void theCsvRowsAreReadAndAnErrorLineIsRefused() throws IOException {
        String captured = Files.readString(Path.of("src/test/resources/redis/benchmark-p16.csv"));
        assertThat(captured).startsWith("Error from server: LOADING");
        assertThatThrownBy(() -> RedisBench.parseCsv(captured)).isInstanceOf(UklException.class)
                .hasMessageContaining("Error from server");
        String rows = captured.substring(captured.indexOf('\n') + 1);
        List<String[]> parsed = RedisBench.parseCsv(rows);
        assertThat(parsed).extracting(r -> r[0]).containsExactly("SET", "GET", "INCR");
        assertThat(Double.parseDouble(parsed.get(0)[1])).isEqualTo(487.60);
        assertThat(Double.parseDouble(parsed.get(1)[4])).isEqualTo(39.679);
        assertThat(Double.parseDouble(parsed.get(2)[6])).isEqualTo(3000.319);
    }

    @Test
    void theServersArgumentsReachItWordForWordThroughTheGuestScriptsEval() {
        List<String> args = List.of("--port", "6379", "--save", "", "--name", "it's here");
        String line = RedisBench.shellLine(args);
        // the guest script has ARGS=<quoted line> and runs eval "$SERVER $ARGS"
        String script = "ARGS=" + ServerCount.shellQuote(line) + "\nSERVER=\"printf '[%s]'\"\neval \"$SERVER $ARGS\"\n";
        Proc.Result r = Proc.run(null, List.of("sh", "-c", script));
        assertThat(r.ok()).isTrue();
        assertThat(r.output().strip()).isEqualTo("[--port][6379][--save][][--name][it's here]");
    }

    @Test
    void eachUklFormIsARatioToTheUserFormInTheSameRoundWithItsSpread() {
        List<RedisBench.Clock> clock = new ArrayList<>();
        double[] user = {1000, 1100, 900};
        double[] ukl = {1100, 1320, 990};
        for (int r = 0; r < 3; r++) {
            for (String test : RedisBench.TESTS) {
                for (int p : RedisBench.PIPELINES) {
                    clock.add(new RedisBench.Clock(r + 1, "user", test, p, user[r], 1.0, 4.0));
                    clock.add(new RedisBench.Clock(r + 1, "ukl", test, p, ukl[r], 0.9, 2.0 + r));
                }
            }
        }
        RedisBench.Result result = new RedisBench.Result(List.of("user", "ukl"), List.of(), clock);
        String table = RedisBench.clockTable(result);
        // throughput ratios 1.10, 1.20, 1.10: median 1.10; p99 ratios 0.50, 0.75, 1.00
        assertThat(table.lines().filter(l -> l.startsWith("SET ")).findFirst().orElseThrow())
                .contains("1.10 (1.10-1.20)", "0.90 (0.90-0.90)", "0.75 (0.50-1.00)");
        assertThat(table.lines().filter(l -> l.startsWith("GET -P 16")).findFirst()).isPresent();
        assertThat(table).contains("over 3 rounds");
        // without the facts of where it ran, the rounds count as emulated; on KVM they say where
        assertThat(table.lines()).allSatisfy(l -> assertThat(l).endsWith(ClockReport.EMULATED));
        RedisBench.Result kvm = new RedisBench.Result(List.of("user", "ukl"), List.of(), clock,
                new GuestFacts("KVM", "AMD EPYC", 2596.1, List.of("kernel built without CPU_MITIGATIONS")));
        String onKvm = RedisBench.clockTable(kvm);
        assertThat(onKvm).startsWith("clock mode: redis-benchmark's throughput").doesNotContain("emulat")
                .contains("accelerator: KVM; CPU: AMD EPYC").contains("mitigations: kernel built without");
    }

    @Test
    void countsArePerRequestBeyondTheEmptyWindowAndAsAShareOfTheUserForm() {
        List<RedisBench.Count> counts = new ArrayList<>();
        for (String test : RedisBench.TESTS) {
            for (int p : RedisBench.PIPELINES) {
                counts.add(new RedisBench.Count("user", test, p, 10_000, 1_000_000, 201_000_000));
                counts.add(new RedisBench.Count("ukl", test, p, 10_000, 1_000_000, 161_000_000));
            }
        }
        RedisBench.Result result = new RedisBench.Result(List.of("user", "ukl"), counts, List.of());
        assertThat(counts.get(0).perRequest()).isEqualTo(20_000.0);
        String table = RedisBench.countTable(result);
        assertThat(table.lines().filter(l -> l.startsWith("LPOP -P 16")).findFirst().orElseThrow())
                .contains("20000", "16000", "80.0%");
        assertThat(RedisBench.clockTable(result)).isEmpty();
    }
}
