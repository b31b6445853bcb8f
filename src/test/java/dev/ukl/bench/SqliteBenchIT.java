package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-application benchmark reports a count for each run of each form; it never fails on a figure. */
class SqliteBenchIT {
    @Test
    void reportsGuestInstructionsPerScriptRunInEachForm() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SqliteBench.Result r = new SqliteBench(p).run(SyscallBench.Form.MAIN, 1, null);
        assertThat(r.rows()).extracting(SqliteBench.Row::form).containsExactly("user", "ukl-base", "ukl");
        long user = r.row("user").min();
        for (SqliteBench.Row row : r.rows()) {
            // 10,000 inserts cannot take fewer than a million guest instructions in any form
            assertThat(row.counts()).hasSize(1).allSatisfy(n -> assertThat(n).isGreaterThan(1_000_000L));
            // every form runs the same source: a count off by a factor of two is the guest idling
            // inside the window (sleep=off jumps the counter), not instructions
            assertThat((double) row.min() / user).as(row.form()).isBetween(0.5, 2.0);
        }
        // each run's process faults in its pages (heap, stack, data; the user program its text
        // too, the UKL app its window of globals), and the count is the child's own
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.faults()).as(row.form()).singleElement()
                .satisfies(f -> assertThat(f).isGreaterThan(100L)));
        String table = r.table();
        System.out.print(table);
        assertThat(table).containsPattern("(?m)^ukl-base +1 +\\d+ +\\d+ +\\d+\\.\\d% +\\d+$");
    }
}
