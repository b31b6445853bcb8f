package dev.ukl.redis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis's test runner output, captured from a real run against the UKL app (string and incr units). */
class TestLogTest {
    /** The captured run, for this package's tests. */
    static List<String> captured() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/redis/string-incr-ukl.log"));
    }

    @Test
    void everyTestIsReadWithItsFileAndStatus() throws IOException {
        TestLog log = TestLog.parse(captured());
        assertThat(log.finished()).isTrue();
        assertThat(log.exceptions()).isEmpty();
        assertThat(log.with(TestLog.Status.OK)).hasSize(96);
        assertThat(log.with(TestLog.Status.OK)).extracting(TestLog.Outcome::key)
                .contains("unit/type/string: SET and GET an item", "unit/type/incr: INCR against non existing key")
                .doesNotHaveDuplicates();
        // the summary at the end repeats the failures: they count once, with their message
        assertThat(log.with(TestLog.Status.ERR)).extracting(TestLog.Outcome::key)
                .containsExactly("unit/type/string: GETEX PXAT option", "unit/type/string: Extended SET PXAT option");
        assertThat(log.with(TestLog.Status.ERR).get(0).detail()).startsWith("Expected '10650' to be between");
        // a block the tags leave out has no name, only the reason
        assertThat(log.with(TestLog.Status.IGNORE)).singleElement()
                .satisfies(o -> assertThat(o.detail()).isEqualTo("Tag: slow denied"))
                .satisfies(o -> assertThat(o.file()).isEqualTo("unit/type/string"));
        assertThat(log.summary()).isEqualTo("96 passed, 2 failed, 1 not run (skipped or ignored)");
    }

    @Test
    void aRunCutShortSaysSoAndKeepsWhatItSaw() throws IOException {
        List<String> lines = captured();
        int cut = lines.indexOf("[1/2 done]: unit/type/string (15 seconds)");
        List<String> head = lines.subList(0, cut - 3);
        TestLog log = TestLog.parse(head);
        assertThat(log.finished()).isFalse();
        assertThat(log.outcomes()).isNotEmpty().allSatisfy(o -> assertThat(o.file()).isEqualTo("(unfinished)"));
        assertThat(log.summary()).endsWith("the run did not finish");
    }

    @Test
    void anExceptionStopsTheRunAndIsReported() {
        TestLog log = TestLog.parse(List.of("[ok]: PING (1 ms)",
                "[exception]: Executing test client: I/O error reading reply.", "Killing still running Redis server 42"));
        assertThat(log.exceptions()).containsExactly("Executing test client: I/O error reading reply.");
        assertThat(log.summary()).contains("stopped by an exception: Executing test client");
    }
}
