package dev.ukl.bench;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite benchmark's result: its JSON read back as a baseline, and the table beside it. */
class SqliteResultTest {
    @TempDir
    Path tmp;

    private static SqliteBench.Result of(List<Long> user, List<Long> base, List<Long> ukl) {
        return new SqliteBench.Result(List.of(new SqliteBench.Row("user", user, List.of(900L, 899L, 901L)),
                new SqliteBench.Row("ukl-base", base, List.of(600L, 601L, 600L)), new SqliteBench.Row("ukl", ukl)));
    }

    @Test
    void anEarlierResultReadsBackAndStandsAboveTodays() {
        SqliteBench.Result before = of(List.of(1000L, 990L, 995L), List.of(985L, 986L, 987L),
                List.of(980L, 985L, 979L));
        Path json = tmp.resolve("sqlite.json");
        before.writeJson(json);
        assertThat(SqliteBench.Result.readJson(json)).isEqualTo(before);
        SqliteBench.Result today = of(List.of(992L, 990L, 991L), List.of(950L, 951L, 952L),
                List.of(900L, 901L, 902L));
        String table = today.table(before);
        // rows keep the order the forms ran in, the baseline's first; shares are of today's user row
        assertThat(table).containsPattern("(?s)base:user .*base:ukl-base .*base:ukl .*\nuser .*\nukl-base .*\nukl ");
        // the fewest page faults of a form's runs, and "-" for a row without them
        assertThat(table).containsPattern("(?m)^base:user +3 +990 +995 +100\\.0% +899$")
                .containsPattern("(?m)^ukl-base +3 +950 +951 +96\\.0% +600$")
                .containsPattern("(?m)^ukl +3 +900 +901 +90\\.9% +-$");
        // today's UKL form against the baseline's: 900 / 979
        assertThat(table).contains("ukl against base:ukl (min): 0.9193");
    }

    @Test
    void aTwoFormReportOfEarlierDaysReadsAsItsTwoRows() throws Exception {
        Path json = tmp.resolve("old.json");
        Files.writeString(json, """
                {"unit": "guest instructions per run of the script", "user": [353474248, 353500000],
                 "ukl": [339898672]}""");
        SqliteBench.Result r = SqliteBench.Result.readJson(json);
        assertThat(r.rows()).extracting(SqliteBench.Row::form).containsExactly("user", "ukl");
        assertThat(r.row("ukl").min()).isEqualTo(339898672L);
        assertThat(r.row("user").median()).isEqualTo(353500000L);
        assertThat(r.row("user").faults()).isEmpty();
        assertThat(r.table()).containsPattern("(?m)^user +2 +353474248 +353500000 +100\\.0% +-$");
    }

    @Test
    void aFileWithoutRunsIsOneClearError() throws Exception {
        Path json = tmp.resolve("empty.json");
        Files.writeString(json, "{\"forms\": {\"user\": [], \"ukl\": []}}");
        assertThatThrownBy(() -> SqliteBench.Result.readJson(json)).isInstanceOf(UklException.class)
                .hasMessageContaining("no SQLite benchmark runs in");
    }
}
