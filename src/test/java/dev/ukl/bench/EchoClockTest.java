package dev.ukl.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The echo clock mode's report: medians over rounds and same-round ratios, emulated lines marked. */
class EchoClockTest {
    private static EchoClock.Result result(String accelerator) {
        List<EchoClock.Sample> s = new ArrayList<>();
        // user: 1,000 requests in 1 s, 1.1 s, 0.9 s; ukl twice as fast in each round, one round disturbed
        double[] user = {1.0, 1.1, 0.9};
        double[] ukl = {0.5, 0.55, 2.0};
        for (int r = 1; r <= 3; r++) {
            s.add(new EchoClock.Sample(r, "user", 1000, (long) (user[r - 1] * 1e9), 800, 2000));
            s.add(new EchoClock.Sample(r, "ukl", 1000, (long) (ukl[r - 1] * 1e9), 400, 1500));
        }
        return new EchoClock.Result(new GuestFacts(accelerator, "QEMU Virtual CPU", 2000, List.of()), 3, 4, 250,
                List.of("user", "ukl"), s);
    }

    @Test
    void ratiosAreTakenAgainstTheUserFormOfTheSameRound() {
        List<Double> rps = EchoClock.ratios(result("KVM"), "user", "ukl", EchoClock.Sample::perSecond);
        assertThat(rps).hasSize(3);
        assertThat(rps.get(0)).isCloseTo(2.0, within(1e-9));
        assertThat(rps.get(1)).isCloseTo(2.0, within(1e-9));
        assertThat(rps.get(2)).isCloseTo(0.45, within(1e-9));
    }

    @Test
    void theTableGivesMediansWithTheirRangeAndMarksEmulatedLines() {
        String kvm = EchoClock.table(result("KVM"));
        assertThat(kvm).contains("4 connections x 250 requests of 64 bytes", "over 3 rounds")
                .contains("accelerator: KVM; CPU: QEMU Virtual CPU")
                .doesNotContain(ClockReport.EMULATED);
        String ukl = kvm.lines().filter(l -> l.startsWith("ukl ")).findFirst().orElseThrow();
        // requests/s: 500 (in the disturbed round), 1818, 2000: the median 1818 with its range
        assertThat(ukl).contains("1818 (500-2000)").contains("400.0 (400.0-400.0)").contains("2.00 (0.45-2.00)")
                .contains("0.50 (0.50-0.50)");
        String user = kvm.lines().filter(l -> l.startsWith("user ")).findFirst().orElseThrow();
        assertThat(user).contains("1000 (909-1111)").endsWith("-");
        assertThat(EchoClock.table(result("TCG")).lines()).allSatisfy(l -> assertThat(l).endsWith(ClockReport.EMULATED));
    }
}
