package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.EntryPath;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `ukl profile` on real boots of the main forms (user, UKL with its fast paths off and on): the plugin's windows hold what the
 * benchmark measured between its rdtsc pairs (plus a few instructions per window, the markers
 * and the rdtsc code outside the pair), and the functions are the ones each form runs.
 * The same boots are the C benchmark's test (the plugin changes nothing the guest counts): every
 * case reported in every form, in one table a column per form. The Java rows are SyscallBenchIT's.
 */
class SyscallProfileIT {
    @Test
    void bothFormsAreProfiledExactlyAndAcrossTheAppKernelBoundary() {
        Pipeline p = new Pipeline(Project.locate(), new PrintWriter(System.out, true)).ensurePrerequisites();
        SyscallReport report = new SyscallReport();
        List<String> names = null;
        java.util.Map<Form, Double> getppidWork = new java.util.LinkedHashMap<>();
        for (Form form : Form.MAIN) {
            SyscallProfile.Result r = new SyscallProfile(p).run(form, null);
            SyscallReport.Run run = r.bench();
            assertThat(run.cases()).extracting(SyscallReport.Case::name).contains("getppid", "pipe_read_1",
                    "pipe_write_4k", "file_read_1", "socket_send_1", "socket_recv_1", "mmap_munmap",
                    "page_first_touch");
            if (names == null) {
                names = run.cases().stream().map(SyscallReport.Case::name).toList();
            } else {
                assertThat(run.cases()).extracting(SyscallReport.Case::name).containsExactlyElementsOf(names);
            }
            // every case counted something, and the cheapest batch is no dearer than the mean
            assertThat(run.cases()).allSatisfy(k -> {
                assertThat(k.calls()).isPositive();
                assertThat(k.bestPerCall()).isPositive().isLessThanOrEqualTo(k.perCall());
            });
            // a system call costs more than the empty loop it is measured against
            double loop = run.cases().stream().filter(k -> k.name().equals("empty_loop")).findFirst().orElseThrow()
                    .bestPerCall();
            assertThat(run.cases()).filteredOn(k -> !k.name().equals("empty_loop"))
                    .allSatisfy(k -> assertThat(k.bestPerCall()).as(k.name()).isGreaterThan(10 * loop));
            report.add(run);
            assertThat(r.cases()).extracting(CaseProfile::name)
                    .containsExactlyElementsOf(r.bench().cases().stream().map(SyscallReport.Case::name).toList());
            // a few instructions per window lie between a marker and its rdtsc, and the rdtsc
            // ends a translation block, where QEMU delivers an interrupt that became pending:
            // one landing there is the plugin's and not the benchmark's (CI saw one add about
            // 117,000 instructions, a tick's softirq work, to page_first_touch's windows). So
            // the plugin never sees less than the benchmark, and in every case but at most one
            // per boot it sees the markers' few instructions per window more, on average.
            List<String> offByAnInterrupt = new ArrayList<>();
            for (int i = 0; i < r.cases().size(); i++) {
                CaseProfile c = r.cases().get(i);
                SyscallReport.Case b = r.bench().cases().get(i);
                long outside = c.instructions() - b.instructions();
                assertThat(outside).as(c.name()).isGreaterThanOrEqualTo(c.windows());
                double perWindow = (double) outside / c.windows();
                if (perWindow > 16.0) {
                    offByAnInterrupt.add(c.name() + " (" + perWindow + " per window)");
                }
            }
            assertThat(offByAnInterrupt).as("cases whose overhead is over 16 instructions per window")
                    .hasSizeLessThanOrEqualTo(1);
            CaseProfile getppid = r.get("getppid");
            System.out.print(getppid.table(r.form(), 20));
            getppidWork.put(form, getppid.per(getppid.work()));
            if (form.appInKernel()) {
                // every first touch is a page fault taken in the app's code: with CONFIG_UKL_RET
                // on it returns through the ret at ukl_return_ret, once per fault (a timer
                // interrupt landing in a window returns there too); off, through IRET
                CaseProfile touch = r.get("page_first_touch");
                long rets = touch.rows().stream().filter(row -> row.function().equals("ukl_return_ret"))
                        .mapToLong(CaseProfile.Row::instructions).sum();
                double perFault = touch.per(rets);
                if (form == Form.UKL) {
                    assertThat(perFault).as("rets per fault, RET on").isBetween(1.0, 1.1);
                } else {
                    assertThat(perFault).as("rets per fault, RET off").isLessThan(0.1);
                }
            }
            assertThat(getppid.rows()).extracting(CaseProfile.Row::function).contains("__x64_sys_getppid",
                    "__task_pid_nr_ns");
            assertThat(getppid.app()).isPositive().isLessThan(getppid.instructions() / 4);
            if (form.appInKernel()) {
                // the app's code is in vmlinux, under its ukl_ names; the call enters by a UKL entry
                assertThat(getppid.rows()).filteredOn(row -> row.region().equals("app"))
                        .allSatisfy(row -> assertThat(row.function()).startsWith("ukl_"));
                assertThat(getppid.rows()).extracting(CaseProfile.Row::function).contains("ukl_shortcut_SYSCALL_64")
                        .doesNotContain("entry_SYSCALL_64");
                // with the fast paths, getppid is a direct call of its shortcut, with neither the
                // ordinary entry nor the generic entry and exit; without, every call takes them
                if (form == Form.UKL) {
                    assertThat(getppid.rows()).extracting(CaseProfile.Row::function).contains("ukl_sc_getppid")
                            .doesNotContain("ukl_entry_SYSCALL_64", "ukl_do_syscall", "do_syscall_64",
                                    "syscall_enter_from_user_mode", "x64_sys_call");
                    // the exit is the generic one only when work is pending (a timer tick's
                    // need_resched): now and then, far from the base form's 10 per call
                    long generic = getppid.rows().stream().filter(row -> row.function()
                            .equals("syscall_exit_to_user_mode")).mapToLong(CaseProfile.Row::instructions).sum();
                    assertThat((double) generic / getppid.calls()).as("syscall_exit_to_user_mode per call")
                            .isLessThan(1.0);
                } else {
                    assertThat(getppid.rows()).extracting(CaseProfile.Row::function)
                            .contains("ukl_entry_SYSCALL_64", "do_syscall_64", "syscall_exit_to_user_mode")
                            .doesNotContain("ukl_sc_getppid");
                }
            } else {
                assertThat(getppid.rows()).extracting(CaseProfile.Row::function).contains("entry_SYSCALL_64", "sys")
                        .doesNotContain("ukl_entry_SYSCALL_64");
            }
        }
        // EntryPath names every function of each form's way in and out: what is left, getppid's
        // own work, is the same in all three (but for the timer interrupts some windows hold)
        System.out.println("getppid's work per call, by form: " + getppidWork);
        double userWork = getppidWork.get(Form.USER);
        assertThat(userWork).isBetween(40.0, 46.0);
        assertThat(getppidWork.values()).allSatisfy(w -> assertThat(w).isCloseTo(userWork,
                org.assertj.core.api.Assertions.within(1.5)));
        String table = report.table();
        System.out.print(table);
        // one row per case, a column per form: every measured row is in the table once
        for (String name : names) {
            assertThat(table.lines().filter(l -> l.startsWith(name + " "))).as(name).hasSize(1);
        }
        assertThat(table.lines().findFirst().orElseThrow()).contains("user", "ukl-base", "ukl");
    }
}
