package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.ProfileComparison;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole-application benchmark reports a count for each run of each form, and its profile by
 * function; it never fails on a figure.
 */
class SqliteBenchIT {
    @Test
    void reportsGuestInstructionsPerScriptRunInEachForm() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SqliteBench.Result r = new SqliteBench(p).run(new SqliteBench.Request(Form.MAIN, 1, true, true),
                null);
        assertThat(r.rows()).extracting(SqliteBench.Row::form).containsExactly("user", "ukl-base", "ukl",
                "user-nopie");
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

        // the profile counts the same span as the time-stamp counter: every form's total is its count
        for (SqliteBench.Row row : r.rows()) {
            CaseProfile profile = r.profiles().get(row.form());
            assertThat(profile.windows()).as(row.form()).isEqualTo(1);
            assertThat((double) profile.instructions() / row.min()).as(row.form()).isCloseTo(1.0, within(0.001));
            // the shell's own code is most of it, the app's functions named in either form
            assertThat((double) profile.app() / profile.instructions()).as(row.form()).isGreaterThan(0.9);
            assertThat(ProfileComparison.rows(r.profiles().get("user"), profile))
                    .filteredOn(f -> f.function().equals("sqlite3VdbeExec")).singleElement()
                    .satisfies(f -> assertThat(f.region()).isEqualTo("app"))
                    .satisfies(f -> assertThat(f.other()).isGreaterThan(1_000_000.0));
        }
        // the control is the same shell in the UKL build's code model: a jump table or a static
        // array costs it an instruction or more fewer than the position-independent user program
        assertThat(r.row("user-nopie").min()).isLessThan(r.row("user").min());
        String profiles = r.profileTable(10);
        System.out.print(profiles);
        assertThat(profiles).contains("SQLite script: ukl-base against user", "SQLite script: ukl against user");
    }
}
