package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.Set;

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
        for (Form form : new Form[] {Form.USER, Form.UKL}) {
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

    /**
     * The user program on the UKL kernel the UKL forms boot pays what it pays on the plain kernel
     * (the configurations differ only in UKL's options): the cheapest batch repeats exactly from
     * boot to boot, so any instruction UKL added to an ordinary process's path would show. No UKL
     * app runs in that boot, and until one starts the kernel takes every interrupt and exception
     * through the ordinary entry stubs and return (the UKL IDT is switched in by the first app's
     * exec). System calls count exactly the same. A page fault runs the same entry, error_entry
     * and return, and exc_page_fault's C, which the compiler allocates registers for differently
     * around user_mode()'s test (one instruction fewer per fault here, `ukl profile --form
     * user,user-on-ukl --case page_first_touch`): never more than on the plain kernel.
     */
    @Test
    void anOrdinaryProcessPaysOnTheUklKernelWhatItPaysOnThePlainOne() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallBench bench = new SyscallBench(p);
        SyscallReport report = new SyscallReport();
        report.add(bench.run(Form.USER, "user", null));
        report.add(bench.run(Form.USER_ON_UKL, "user-on-ukl", null));
        System.out.print(report.table());
        SyscallReport.Run plain = report.runs().get(0);
        SyscallReport.Run onUkl = report.runs().get(1);
        assertThat(onUkl.cases()).extracting(SyscallReport.Case::name)
                .containsExactlyElementsOf(plain.cases().stream().map(SyscallReport.Case::name).toList());
        Set<String> faulting = Set.of("page_first_touch");
        for (int i = 0; i < plain.cases().size(); i++) {
            SyscallReport.Case a = plain.cases().get(i);
            SyscallReport.Case b = onUkl.cases().get(i);
            if (faulting.contains(a.name())) {
                assertThat(b.bestPerCall()).as(a.name()).isBetween(a.bestPerCall() - 2, a.bestPerCall());
            } else {
                assertThat(b.bestPerCall()).as(a.name()).isEqualTo(a.bestPerCall());
            }
        }
    }
}
