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

    @Test
    void anEarlierResultReadsBackAndStandsAboveTodays() {
        SqliteBench.Result before = new SqliteBench.Result(List.of(1000L, 990L, 995L), List.of(980L, 985L, 979L));
        Path json = tmp.resolve("sqlite.json");
        before.writeJson(json);
        assertThat(SqliteBench.Result.readJson(json)).isEqualTo(before);
        SqliteBench.Result today = new SqliteBench.Result(List.of(992L, 990L, 991L), List.of(900L, 901L, 902L));
        String table = today.table(before);
        assertThat(table).containsPattern("(?m)^base:user +3 +990 +995$").containsPattern("(?m)^ukl +3 +900 +901$");
        // today's UKL form against the baseline's: 900 / 979
        assertThat(table).contains("ukl/base:ukl (min): 0.9193");
    }

    @Test
    void aFileWithoutRunsIsOneClearError() throws Exception {
        Path json = tmp.resolve("empty.json");
        Files.writeString(json, "{\"user\": [], \"ukl\": []}");
        assertThatThrownBy(() -> SqliteBench.Result.readJson(json)).isInstanceOf(UklException.class)
                .hasMessageContaining("no SQLite benchmark runs in");
    }
}
