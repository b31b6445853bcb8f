package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.vm.QemuConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The clock mode's alternation, statistics, refusal, boot facts and report, on real boot logs. */
class ClockModeTest {
    private static List<String> resource(String name) throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/bench", name));
    }

    @Test
    void everyRoundRunsEveryFormOnceAndNoFormKeepsItsPlace() {
        List<String> forms = List.of("user", "ukl-base", "ukl");
        List<List<String>> rounds = new ArrayList<>();
        for (int r = 1; r <= 5; r++) {
            rounds.add(Rounds.order(forms, r));
        }
        assertThat(rounds.get(0)).containsExactly("user", "ukl-base", "ukl");
        assertThat(rounds.get(1)).containsExactly("ukl-base", "ukl", "user");
        assertThat(rounds.get(2)).containsExactly("ukl", "user", "ukl-base");
        assertThat(rounds.get(3)).isEqualTo(rounds.get(0));
        rounds.forEach(r -> assertThat(r).containsExactlyInAnyOrderElementsOf(forms));
        // over as many rounds as forms, each form runs once in every position
        for (int pos = 0; pos < forms.size(); pos++) {
            final int p = pos;
            assertThat(rounds.subList(0, 3).stream().map(r -> r.get(p)).toList())
                    .containsExactlyInAnyOrderElementsOf(forms);
        }
        assertThatThrownBy(() -> Rounds.order(forms, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSpreadIsTheMedianWithItsExtremes() {
        Spread odd = Spread.of(310, 290, 1500, 300, 305);
        assertThat(odd.median()).isEqualTo(305);
        assertThat(odd.low()).isEqualTo(290);
        assertThat(odd.high()).isEqualTo(1500);
        assertThat(odd.n()).isEqualTo(5);
        assertThat(Spread.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Spread.of(7).format(1)).isEqualTo("7.0 (7.0-7.0)");
        assertThat(odd.format(2)).isEqualTo("305.00 (290.00-1500.00)");
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tcgIsRefusedUnlessForcedAndKvmIsNot() {
        assertThatThrownBy(() -> ClockBench.requireHardware(QemuConfig.Accelerator.TCG, false))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("needs KVM").hasMessageContaining("TCG").hasMessageContaining("--force");
        ClockBench.requireHardware(QemuConfig.Accelerator.TCG, true);
        ClockBench.requireHardware(QemuConfig.Accelerator.KVM, false);
    }

    @Test
    void theUserFormRunsFirstAndOnce() {
        assertThat(ClockBench.baselineFirst(List.of(Form.UKL, Form.USER,
                Form.UKL))).containsExactly(Form.USER, Form.UKL);
        assertThat(ClockBench.baselineFirst(List.of(Form.UKL_BASE)))
                .containsExactly(Form.USER, Form.UKL_BASE);
    }

    @Test
    void aHardwareBootLogGivesCpuTscAndMitigations() throws IOException {
        GuestFacts f = GuestFacts.parse("KVM", resource("hardware-host-dmesg.log"), null);
        assertThat(f.emulated()).isFalse();
        assertThat(f.cpu()).isEqualTo("AMD EPYC");
        assertThat(f.tscMhz()).isEqualTo(2596.140);
        assertThat(f.mitigations()).contains("Spectre V2 : Mitigation: Retpolines",
                "Spectre V1 : Mitigation: usercopy/swapgs barriers and __user pointer sanitization",
                "Speculative Store Bypass: Vulnerable");
        assertThat(f.nanos(2596.140)).isCloseTo(1000, within(1e-9));
        assertThat(String.join("\n", f.describe())).contains("accelerator: KVM; CPU: AMD EPYC; TSC: 2596.140 MHz")
                .doesNotContain("emulated");
    }

    @Test
    void anEmulatedGuestsBootLogSaysSoAndHowItsKernelWasBuilt(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path config = tmp.resolve(".config");
        Files.write(config, List.of("CONFIG_64BIT=y", "# CONFIG_CPU_MITIGATIONS is not set"));
        GuestFacts f = GuestFacts.parse("TCG", resource("tcg-guest-console.log"), config);
        assertThat(f.emulated()).isTrue();
        assertThat(f.cpu()).isEqualTo("AMD QEMU TCG CPU version 2.5+");
        // the refined calibration wins over the first estimate
        assertThat(f.tscMhz()).isEqualTo(2596.121);
        assertThat(f.mitigations()).singleElement().asString().startsWith("kernel built without CPU_MITIGATIONS");
        assertThat(f.describe().get(0)).contains("TCG (emulated: these are not hardware cycles)");
    }

    @Test
    void theTableGivesMediansRangesAndSameRoundRatiosAndMarksEmulation() throws IOException {
        GuestFacts tcg = GuestFacts.parse("TCG", resource("tcg-guest-console.log"), null);
        List<ClockBench.Sample> samples = new ArrayList<>();
        double[] user = {300, 320, 310, 900, 305};
        double[] ukl = {150, 170, 150, 450, 160};
        for (int r = 1; r <= 5; r++) {
            samples.add(new ClockBench.Sample(r, "user", "getppid", user[r - 1] + 10, user[r - 1]));
            samples.add(new ClockBench.Sample(r, "ukl", "getppid", ukl[r - 1] + 10, ukl[r - 1]));
        }
        ClockBench.Result r = new ClockBench.Result(tcg, 5, List.of("user", "ukl"), samples);
        assertThat(ClockReport.ratios(r, "user", "ukl", "getppid")).containsExactly(0.5, 170.0 / 320, 150.0 / 310,
                0.5, 160.0 / 305);
        String table = ClockReport.table(r);
        assertThat(table.lines()).allSatisfy(l -> assertThat(l).endsWith(ClockReport.EMULATED));
        String row = table.lines().filter(l -> l.startsWith("getppid")).findFirst().orElseThrow();
        assertThat(row).contains("310.0 (300.0-900.0)").contains("160.0 (150.0-450.0)")
                .contains("0.50 (0.48-0.53)");
        assertThat(row).contains(String.format(java.util.Locale.ROOT, "%.1fns", 310 * 1000 / 2596.121));
        assertThat(table).contains("over 5 rounds").contains("ukl / user");

        GuestFacts kvm = new GuestFacts("KVM", "AMD EPYC", 2596.14, List.of());
        assertThat(ClockReport.table(new ClockBench.Result(kvm, 5, List.of("user", "ukl"), samples)))
                .doesNotContain("emulated");
    }

    @Test
    void aScriptsRunsAreTimedInMillisecondsUnderTheirOwnHeading() {
        GuestFacts kvm = new GuestFacts("KVM", "AMD EPYC", 2000, List.of());
        List<ClockBench.Sample> samples = new ArrayList<>();
        for (int r = 1; r <= 5; r++) {
            samples.add(new ClockBench.Sample(r, "user", SqliteBench.CLOCK_CASE, 4e8, 4e8 + r));
            samples.add(new ClockBench.Sample(r, "ukl", SqliteBench.CLOCK_CASE, 3e8, 3e8));
        }
        String table = ClockReport.table(new ClockBench.Result(kvm, 5, List.of("user", "ukl"), samples),
                "TSC cycles per run of the script");
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("clock mode: TSC cycles per run of the script,");
        // 400,000,003 cycles at 2 GHz: 200 ms
        assertThat(table.lines().filter(l -> l.startsWith("sqlite script")).findFirst().orElseThrow())
                .contains("400000003 (400000001-400000005) 200.00ms").contains("150.00ms")
                .contains("0.75 (0.75-0.75)");
        assertThat(ClockReport.time(1500)).isEqualTo(" 1500.0ns");
        assertThat(ClockReport.time(Double.NaN)).isEmpty();
    }
}
