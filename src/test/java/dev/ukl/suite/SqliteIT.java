package dev.ukl.suite;

import dev.ukl.guest.Pipeline;
import dev.ukl.Project;
import dev.ukl.ktap.TestResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real program no one here wrote: the SQLite shell from Debian's sqlite3 source package,
 * unchanged, built by its own build system with ukl cc, runs a 10,000-row script as the UKL app
 * with the same output as its static musl build.
 */
class SqliteIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @Test
    void theSqliteShellRunsTheScriptAsTheUklAppWithTheUserFormsOutput() throws Exception {
        TestResult r = new GuestTests(pipeline).runSqlite("it-sqlite", null);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name).containsExactly("user_form_runs_the_script",
                "ukl_output_identical", "ukl_database_readable_by_user_form");
        String console = String.join("\n", Files.readAllLines(pipeline.consoleLog("it-sqlite")));
        assertThat(console).contains("# ukl: 10000|255000|49.9950|0.0|99.99")
                .contains("# ukl: `--SEARCH sales USING INDEX sales_region_item (region=? AND item=?)")
                .contains("# ukl: ok\n# ukl: exit 0");
        assertThat(SqliteScript.text().lines().filter(l -> l.startsWith("INSERT INTO sales"))).hasSize(10_000);
    }
}
