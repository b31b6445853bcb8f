package dev.ukl.bench;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java program of the benchmark (dev.ukl.sys) reports its rows in the user form and as the
 * UKL app; it never fails on a figure. The C program's rows in every form are checked by
 * SyscallProfileIT on the boots it profiles.
 */
class SyscallBenchIT {
    @Test
    void theJavaRowsAreReportedAsAUserProgramAndAsTheUklApp() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallBench bench = new SyscallBench(p);
        SyscallReport report = new SyscallReport();
        for (SyscallBench.Form form : new SyscallBench.Form[] {SyscallBench.Form.USER, SyscallBench.Form.UKL}) {
            SyscallReport.Run java = bench.run(form, SyscallBench.Program.JAVA, form.label(), null);
            assertThat(java.form()).isEqualTo(form.label());
            assertThat(java.cases()).extracting(SyscallReport.Case::name)
                    .containsExactly("java_getppid", "java_pipe_write_1", "java_pipe_read_1");
            assertThat(java.cases()).allSatisfy(k -> {
                assertThat(k.calls()).isPositive();
                assertThat(k.bestPerCall()).isPositive().isLessThanOrEqualTo(k.perCall());
            });
            // a real system call was counted: getppid's own work in the kernel is over 40
            // instructions (__task_pid_nr_ns), whatever path the call takes to it
            assertThat(java.cases().get(0).bestPerCall()).as("java_getppid").isGreaterThan(40);
            report.add(java);
        }
        String table = report.table();
        System.out.print(table);
        assertThat(table.lines().filter(l -> l.startsWith("java_"))).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).contains("user", "ukl");
    }
}
