package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark reports every case with a count in both forms; it never fails on a figure. */
class SyscallBenchIT {
    @Test
    void reportsEveryCaseInGuestInstructions() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallReport.Run run = new SyscallBench(p).run(SyscallBench.Form.USER, "user", null);
        SyscallReport.Run ukl = new SyscallBench(p).run(SyscallBench.Form.UKL, "ukl", null);
        assertThat(run.cases()).extracting(SyscallReport.Case::name).contains("getppid", "pipe_read_1",
                "pipe_write_4k", "file_read_1", "socket_send_1", "socket_recv_1", "mmap_munmap", "page_first_touch");
        assertThat(run.cases()).allSatisfy(c -> {
            assertThat(c.calls()).isPositive();
            assertThat(c.bestPerCall()).isPositive().isLessThanOrEqualTo(c.perCall());
        });
        assertThat(ukl.cases()).extracting(SyscallReport.Case::name)
                .containsExactlyElementsOf(run.cases().stream().map(SyscallReport.Case::name).toList());
        assertThat(ukl.cases()).allSatisfy(c -> assertThat(c.bestPerCall()).isPositive());
        SyscallReport report = new SyscallReport();
        report.add(run);
        report.add(ukl);
        System.out.print(report.table());
    }

    @Test
    void theJavaCasesStandAsRowsBesideCsInBothForms() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallBench bench = new SyscallBench(p);
        SyscallReport report = new SyscallReport();
        for (SyscallBench.Form form : SyscallBench.Form.values()) {
            SyscallReport.Run c = new SyscallReport.Run(form.label(), "-",
                    java.util.List.of(new SyscallReport.Case("getppid", 10, 2100, 10, 2000)));
            SyscallReport.Run java = bench.run(form, SyscallBench.Program.JAVA, form.label(), null);
            assertThat(java.cases()).extracting(SyscallReport.Case::name)
                    .containsExactly("java_getppid", "java_pipe_write_1", "java_pipe_read_1");
            // a system call costs something, and the cheapest batch is no dearer than the mean
            assertThat(java.cases()).allSatisfy(k -> assertThat(k.bestPerCall()).isGreaterThan(50)
                    .isLessThanOrEqualTo(k.perCall()));
            report.add(c.with(java));
        }
        String table = report.table();
        System.out.print(table);
        assertThat(table.lines().filter(l -> l.startsWith("java_"))).hasSize(3);
        assertThat(table.lines().filter(l -> l.startsWith("getppid"))).hasSize(1);
    }
}
