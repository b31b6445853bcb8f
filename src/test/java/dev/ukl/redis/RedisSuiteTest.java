package dev.ukl.redis;

import dev.ukl.ktap.TestResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison of the two forms' runs, on a real run's output and on that output altered. */
class RedisSuiteTest {
    private static List<String> captured() throws IOException {
        return TestLogTest.captured();
    }

    @Test
    void theSameOutcomesPassAndWhatFailsInBothIsListedWithItsMessage() throws IOException {
        TestLog log = TestLog.parse(captured());
        TestResult r = RedisSuite.compare(log, log);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name).containsExactly("unit/type/string", "unit/type/incr");
        assertThat(r.count(TestResult.Status.PASS)).isEqualTo(96);
        assertThat(r.count(TestResult.Status.SKIP)).isEqualTo(2);
        TestResult pxat = r.subtests().get(0).subtests().stream().filter(t -> t.name().equals("GETEX PXAT option"))
                .findFirst().orElseThrow();
        assertThat(pxat.directive()).isEqualTo("SKIP fails in both forms: Expected '10650' to be between to '5000' "
                + "and '10000' (context: type eval line 5 cmd {assert_range [r pttl foo] 5000 10000} proc ::test)");
    }

    @Test
    void aTestThatPassesInOneFormOnlyFailsTheComparison() throws IOException {
        List<String> altered = new ArrayList<>(captured());
        int i = altered.indexOf("[ok]: INCR against non existing key (4 ms)");
        altered.set(i, "[err]: INCR against non existing key in tests/unit/type/incr.tcl");
        altered.add(i + 1, "Expected '2' to be equal to '1'");
        TestResult r = RedisSuite.compare(TestLog.parse(captured()), TestLog.parse(altered));
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).containsExactly("redis/unit/type/incr/INCR against non existing key");
        TestResult incr = r.subtests().get(1).subtests().stream()
                .filter(t -> t.name().equals("INCR against non existing key")).findFirst().orElseThrow();
        assertThat(incr.diagnostics()).containsExactly("user: ok", "ukl: err (Expected '2' to be equal to '1')");
    }

    @Test
    void aRunThatStoppedEarlyIsAnErrorEvenIfWhatRanAgrees() throws IOException {
        List<String> lines = captured();
        TestLog cut = TestLog.parse(lines.subList(0, lines.indexOf("[2/2 done]: unit/type/incr (0 seconds)")));
        TestResult r = RedisSuite.compare(TestLog.parse(lines), cut);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).contains("redis/runner");
    }

    @Test
    void twoTestsOfOneNameAreComparedEachWithItsCounterpart() throws IOException {
        List<String> twice = new ArrayList<>(captured());
        int i = twice.indexOf("[ok]: INCR against non existing key (4 ms)");
        twice.add(i + 1, "[ok]: INCR against non existing key (3 ms)");
        List<String> secondFails = new ArrayList<>(twice);
        secondFails.set(i + 1, "[err]: INCR against non existing key in tests/unit/type/incr.tcl");
        TestResult same = RedisSuite.compare(TestLog.parse(twice), TestLog.parse(twice));
        assertThat(same.ok()).isTrue();
        assertThat(same.count(TestResult.Status.PASS)).isEqualTo(97);
        TestResult r = RedisSuite.compare(TestLog.parse(twice), TestLog.parse(secondFails));
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).containsExactly("redis/unit/type/incr/INCR against non existing key (#2)");
    }
}
