package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-application benchmark reports a count for each run of each form; it never fails on a figure. */
class SqliteBenchIT {
    @Test
    void reportsGuestInstructionsPerScriptRunInBothForms() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SqliteBench.Result r = new SqliteBench(p).run(1, null);
        // 10,000 inserts cannot take fewer than a million guest instructions in either form
        assertThat(r.user()).hasSize(1).allSatisfy(n -> assertThat(n).isGreaterThan(1_000_000L));
        assertThat(r.ukl()).hasSize(1).allSatisfy(n -> assertThat(n).isGreaterThan(1_000_000L));
        // both forms run the same source on the same kernel: a count off by a factor of two is
        // the guest idling inside the window (sleep=off jumps the counter), not instructions
        assertThat((double) r.ukl().get(0) / r.user().get(0)).isBetween(0.5, 2.0);
        String table = r.table();
        System.out.print(table);
        assertThat(table).contains("user", "ukl", "ukl/user (min)");
    }
}
