package dev.ukl.ktap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KtapParserTest {
    static List<String> resource(String name) throws IOException {
        try (InputStream in = KtapParserTest.class.getResourceAsStream("/ktap/" + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
        }
    }

    @Test
    void parsesAGuestConsoleWithBootMessagesAround() throws IOException {
        TestResult r = KtapParser.parse("guest", resource("guest-tests-console.log"));
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name).containsExactly("memory", "network", "syscalls_basic");
        TestResult basic = r.subtests().get(2);
        assertThat(basic.subtests()).hasSize(7);
        assertThat(basic.subtests().get(0).name()).isEqualTo("getpid");
        assertThat(basic.subtests()).allMatch(t -> t.status() == TestResult.Status.PASS);
        assertThat(r.count(TestResult.Status.PASS)).isEqualTo(16);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void parsesKernelKunitOutputWithTimestampsAndSkips() throws IOException {
        TestResult r = KtapParser.parse("kunit", resource("kunit-example-console.log"));
        assertThat(r.subtests()).extracting(TestResult::name).contains("example");
        TestResult example = r.subtests().stream().filter(t -> t.name().equals("example")).findFirst().orElseThrow();
        assertThat(example.subtests()).extracting(TestResult::name).contains("example_simple_test", "example_skip_test");
        assertThat(example.subtests()).filteredOn(t -> t.name().equals("example_skip_test"))
                .singleElement().extracting(TestResult::status).isEqualTo(TestResult.Status.SKIP);
        assertThat(r.ok()).isTrue();
        assertThat(r.count(TestResult.Status.SKIP)).isPositive();
    }

    @Test
    void reportsFailuresWithTheirPath() {
        List<String> lines = List.of(
                "KTAP version 1",
                "1..2",
                "    KTAP version 1",
                "    1..2",
                "    ok 1 fine",
                "    # something broke",
                "    not ok 2 broken",
                "not ok 1 suite # exit status 1",
                "ok 2 other # SKIP not here");
        TestResult r = KtapParser.parse("root", lines);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).containsExactly("root/suite/broken");
        assertThat(r.subtests().get(0).subtests().get(1).diagnostics()).containsExactly("something broke");
        assertThat(r.subtests().get(1).status()).isEqualTo(TestResult.Status.SKIP);
        assertThat(r.subtests().get(1).directive()).isEqualTo("SKIP not here");
    }

    @Test
    void aCrashedSubtestWithMissingResultsIsAFailureNotAParseError() {
        List<String> lines = List.of(
                "KTAP version 1",
                "1..1",
                "    KTAP version 1",
                "    1..3",
                "    ok 1 first",
                "not ok 1 crashed # exit status 139");
        TestResult r = KtapParser.parse("root", lines);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).containsExactly("root/crashed/missing results");
    }

    @Test
    void noVersionLineIsAClearError() {
        assertThatThrownBy(() -> KtapParser.parse("x", List.of("Linux version 6.1", "1..1", "ok 1 a")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("no KTAP version line");
    }

    @Test
    void missingPlanIsAnError() {
        assertThatThrownBy(() -> KtapParser.parse("x", List.of("KTAP version 1", "ok 1 a")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("line 1").hasMessageContaining("no plan line");
    }

    @Test
    void outOfOrderNumbersAreAnError() {
        assertThatThrownBy(() -> KtapParser.parse("x", List.of("KTAP version 1", "1..2", "ok 1 a", "ok 3 c")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("line 4").hasMessageContaining("expected test number 2, got 3");
    }

    @Test
    void truncatedOutputIsAnErrorThatSaysSo() {
        assertThatThrownBy(() -> KtapParser.parse("x", List.of("KTAP version 1", "1..3", "ok 1 a", "ok 2 b")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("promised 3 tests, output has 2")
                .hasMessageContaining("output ends");
    }

    @Test
    void aResultBeyondThePlanIsAnError() throws IOException {
        // the UKL suite's console after a test was added to run.sh without its plan line:
        // "1..88", then 89 results (the 89th, no_kernel_warnings, went unseen)
        assertThatThrownBy(() -> KtapParser.parse("ukl", resource("ukl-suite-beyond-plan-console.log")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("test 89 comes after the plan").hasMessageContaining("promised 88 tests");
        // a result line of another test run after a version line is not this plan's
        TestResult r = KtapParser.parse("x", List.of("KTAP version 1", "1..1", "ok 1 a", "KTAP version 1", "1..2",
                "ok 1 b", "ok 2 c"));
        assertThat(r.subtests()).extracting(TestResult::name).containsExactly("a");
    }

    @Test
    void okParentOverFailedSubtestIsAnError() {
        List<String> lines = List.of("KTAP version 1", "1..1", "    KTAP version 1", "    1..1", "    not ok 1 a",
                "ok 1 parent");
        assertThatThrownBy(() -> KtapParser.parse("x", lines))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("line 6").hasMessageContaining("says ok but a subtest failed");
    }

    @Test
    void secondPlanIsAnError() {
        assertThatThrownBy(() -> KtapParser.parse("x", List.of("KTAP version 1", "1..1", "1..1", "ok 1 a")))
                .isInstanceOf(KtapException.class)
                .hasMessageContaining("line 3").hasMessageContaining("second plan");
    }
}
