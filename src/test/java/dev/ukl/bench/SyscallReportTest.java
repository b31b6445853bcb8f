package dev.ukl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report on a console captured from a real -icount boot of the UKL benchmark. */
class SyscallReportTest {
    @TempDir
    Path tmp;

    static List<String> console() throws IOException {
        try (InputStream in = SyscallReportTest.class.getResourceAsStream("/bench/ukl-bench-console.log")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
        }
    }

    @Test
    void parsesEveryCaseOutOfTheBootLog() throws IOException {
        List<SyscallReport.Case> cases = SyscallReport.parse(console());
        assertThat(cases).extracting(SyscallReport.Case::name).containsExactly("empty_loop", "getppid",
                "pipe_write_1", "pipe_read_1", "pipe_write_4k", "pipe_read_4k", "file_write_1", "file_read_1",
                "file_write_4k", "file_read_4k", "socket_send_1", "socket_recv_1", "mmap_munmap", "page_first_touch");
        SyscallReport.Case getppid = cases.get(1);
        assertThat(getppid.calls()).isEqualTo(20000);
        assertThat(getppid.batch()).isEqualTo(10);
        assertThat(getppid.bestPerCall()).isEqualTo(getppid.bestBatch() / 10.0).isLessThanOrEqualTo(getppid.perCall());
    }

    @Test
    void tableAndJsonPutFormsSideBySide() throws IOException {
        SyscallReport r = new SyscallReport();
        List<SyscallReport.Case> cases = SyscallReport.parse(console());
        r.add(new SyscallReport.Run("user", "plain", cases));
        r.add(new SyscallReport.Run("ukl", "ukl", cases.subList(0, 2)));
        String table = r.table();
        assertThat(table.lines().findFirst().orElseThrow()).contains("user best", "user mean", "ukl best", "ukl mean");
        assertThat(table).containsPattern("(?m)^pipe_read_1 +[0-9.]+ +[0-9.]+ +- +-$");
        assertThat(table).contains("guest instructions");
        Path json = tmp.resolve("r.json");
        r.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("unit").asText()).isEqualTo("guest instructions per call");
        assertThat(doc.path("runs")).hasSize(2);
        assertThat(doc.path("runs").get(0).path("cases").get(1).path("case").asText()).isEqualTo("getppid");
        assertThat(doc.path("runs").get(0).path("cases").get(1).path("per_call_best").asDouble())
                .isEqualTo(cases.get(1).bestPerCall(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anUnfinishedRunIsAnError() throws IOException {
        List<String> cut = console().stream().filter(l -> !l.startsWith("bench done")).toList();
        assertThatThrownBy(() -> SyscallReport.parse(cut)).isInstanceOf(UklException.class)
                .hasMessageContaining("did not finish");
    }

    @Test
    void anEarlierReportComesBackAsBaselineColumnsBesideTodays() throws IOException {
        List<SyscallReport.Case> cases = SyscallReport.parse(console());
        SyscallReport before = new SyscallReport();
        before.add(new SyscallReport.Run("ukl", "ukl", cases));
        Path json = tmp.resolve("before.json");
        before.writeJson(json);
        List<SyscallReport.Run> base = SyscallReport.readJson(json, "base:");
        assertThat(base).singleElement().satisfies(r -> {
            assertThat(r.form()).isEqualTo("base:ukl");
            assertThat(r.cases()).isEqualTo(cases);
        });
        SyscallReport both = new SyscallReport();
        base.forEach(both::add);
        both.add(new SyscallReport.Run("ukl", "ukl", cases));
        String header = both.table().lines().findFirst().orElseThrow();
        assertThat(header).contains("base:ukl best", "base:ukl mean", "ukl best");
        // every row has a figure in each of the four columns
        assertThat(both.table()).containsPattern("(?m)^getppid( +[0-9]+\\.[0-9]{2}){4}$");
        assertThatThrownBy(() -> SyscallReport.readJson(tmp.resolve("missing.json"), "base:"))
                .isInstanceOf(UklException.class).hasMessageContaining("cannot read the baseline report");
    }
}
