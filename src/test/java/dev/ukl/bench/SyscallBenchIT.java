package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark reports every case with a count in both forms, C and Java rows side by side; it
 * never fails on a figure.
 */
class SyscallBenchIT {
    @Test
    void reportsEveryCaseInGuestInstructionsWithTheJavaRowsBesideCsInBothForms() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallBench bench = new SyscallBench(p);
        SyscallReport report = new SyscallReport();
        java.util.List<String> cNames = null;
        for (SyscallBench.Form form : SyscallBench.Form.values()) {
            SyscallReport.Run c = bench.run(form, form.label(), null);
            assertThat(c.cases()).extracting(SyscallReport.Case::name).contains("getppid", "pipe_read_1",
                    "pipe_write_4k", "file_read_1", "socket_send_1", "socket_recv_1", "mmap_munmap",
                    "page_first_touch");
            if (cNames == null) {
                cNames = c.cases().stream().map(SyscallReport.Case::name).toList();
            } else {
                assertThat(c.cases()).extracting(SyscallReport.Case::name).containsExactlyElementsOf(cNames);
            }
            if (form == SyscallBench.Form.UKL_BASE) {
                // the Java rows are the same program through the same entry: once per kernel path is enough
                report.add(c);
                continue;
            }
            SyscallReport.Run java = bench.run(form, SyscallBench.Program.JAVA, form.label(), null);
            assertThat(java.cases()).extracting(SyscallReport.Case::name)
                    .containsExactly("java_getppid", "java_pipe_write_1", "java_pipe_read_1");
            // every case counted something, and the cheapest batch is no dearer than the mean
            assertThat(c.with(java).cases()).allSatisfy(k -> {
                assertThat(k.calls()).isPositive();
                assertThat(k.bestPerCall()).isPositive().isLessThanOrEqualTo(k.perCall());
            });
            // a system call costs more than the empty loop it is measured against
            double loop = c.cases().stream().filter(k -> k.name().equals("empty_loop")).findFirst().orElseThrow()
                    .bestPerCall();
            assertThat(c.with(java).cases()).filteredOn(k -> !k.name().equals("empty_loop"))
                    .allSatisfy(k -> assertThat(k.bestPerCall()).as(k.name()).isGreaterThan(10 * loop));
            report.add(c.with(java));
        }
        String table = report.table();
        System.out.print(table);
        // one row per case, a column per form: every measured row is in the table once
        assertThat(table.lines().filter(l -> l.startsWith("java_"))).hasSize(3);
        for (String name : cNames) {
            assertThat(table.lines().filter(l -> l.startsWith(name + " "))).as(name).hasSize(1);
        }
    }
}
