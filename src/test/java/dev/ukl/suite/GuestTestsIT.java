package dev.ukl.suite;

import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.Pipeline;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.ktap.TestResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boots the plain kernel in QEMU and runs the guest tests; slow, so an integration test. */
class GuestTestsIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @Test
    void everyGuestTestPassesOnThePlainKernel() {
        List<Path> programs = new GuestPrograms(project).tests();
        TestResult r = new GuestTests(pipeline).run("plain", programs, "it-guest-tests", null);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name)
                .containsExactly("memory", "network", "syscalls_basic");
        assertThat(r.count(TestResult.Status.PASS)).isGreaterThanOrEqualTo(16);
        System.out.println("guest tests: " + GuestTests.summary(r));
    }

    @Test
    void theUklSuitePassesWithTheTestAppLinkedIntoTheKernel() {
        TestResult r = new GuestTests(pipeline).runUkl("it-ukl-tests", null);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name).contains(
                "ukl_runs_at_cpl0", "user_form_runs_at_cpl3", "ukl_syscalls", "user_form_syscalls",
                "ukl_recursion_4MiB", "ukl_signals", "ukl_fork_copies_globals", "user_form_fork_copies_globals",
                "ukl_orphan_keeps_running", "user_form_orphan_keeps_running",
                "ukl_two_instances_keep_their_own_globals",
                "ukl_threads_on_mmap_stacks", "user_form_threads_on_mmap_stacks",
                "ukl_threads_on_heap_stacks", "ukl_thread_on_growsdown_stack",
                "user_form_thread_on_growsdown_stack", "ukl_runs_while_its_stack_is_dropped",
                "ukl_sigusr1", "ukl_proc_status_is_ordinary", "ukl_stack_overflow_sigsegv",
                "user_processes_run_beside_ukl", "ukl_kill_9", "ukl_null_dereference_sigsegv",
                "ukl_unmapped_access_sigsegv", "ukl_kernel_half_access_sigsegv",
                "user_form_kernel_half_access_sigsegv", "kernel_lives_after_app_faults", "unprivileged_exec_eperm",
                "no_new_privs_exec_eperm", "tracer_without_sys_admin_never_holds_the_app_across_exec",
                "ukl_unprivileged_tracer_refused", "user_form_unprivileged_tracer_allowed",
                "ukl_privileged_tracer_debugs", "module_test_ukl_uaccess", "module_test_user_copy",
                "ukl_traps", "user_form_traps", "ukl_returns_with_resume_flag", "user_form_returns_with_resume_flag",
                "ukl_trap_flag_sigtrap", "user_form_trap_flag_sigtrap",
                "ukl_int3_sigtrap", "user_form_int3_sigtrap",
                "ukl_bad_sigreturn_sigsegv", "user_form_bad_sigreturn_sigsegv", "ukl_bad_handler_sigsegv",
                "user_form_bad_handler_sigsegv", "ukl_ac_clear_retried", "ukl_spins_on_an_unmapped_stack",
                "user_form_spins_on_an_unmapped_stack", "ukl_spins_on_a_non_canonical_stack",
                "ukl_core_dump_is_roots",
                "ukl_core_dump_after_setuid_is_roots", "user_form_core_dump_after_setuid_is_its_own",
                "ukl_addresses_randomized", "user_form_addresses_randomized",
                "ukl_under_strace_f", "user_form_under_strace_f", "ukl_started_by_env", "ukl_started_by_time",
                "ukl_name_is_a_file_for_tools",
                "ukl_proc_syscall_in_shortcut", "user_form_proc_syscall",
                "traceme_by_unprivileged_parent_exec_eperm", "user_form_traceme_by_unprivileged_parent_runs",
                "ukl_core_dump_relative_pattern", "user_form_core_dump_relative_pattern",
                "ukl_bad_restorer_sigsegv", "user_form_bad_restorer_sigsegv",
                "ukl_wild_call_user_sigsegv", "user_form_wild_call_user_sigsegv",
                "ukl_wild_call_data_sigsegv", "user_form_wild_call_data_sigsegv",
                "ukl_wild_call_kernel_sigsegv", "user_form_wild_call_kernel_sigsegv",
                "ukl_int80_sigsegv", "user_form_int80_compat_call",
                "ukl_perf_names_the_hot_function", "user_form_perf_names_the_hot_function",
                "ukl_return_slot_shortcut_kept", "user_form_return_slot_shortcut",
                "ukl_return_slot_entry_kept", "user_form_return_slot_entry",
                "kprobe_on_kernel_text", "kprobe_on_app_text_refused",
                "no_kernel_warnings");
        // the same probe checks refusal of the UKL app and access to the user form (the control)
        for (String name : List.of("ukl_unprivileged_tracer_refused", "user_form_unprivileged_tracer_allowed")) {
            TestResult t = r.subtests().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertThat(t.subtests()).extracting(TestResult::name).containsExactly("ptrace_attach",
                    "proc_pid_mem_write", "process_vm_readv", "process_vm_writev_stack", "process_vm_writev_global");
        }
        TestResult debugs = r.subtests().stream().filter(s -> s.name().equals("ukl_privileged_tracer_debugs"))
                .findFirst().orElseThrow();
        assertThat(debugs.subtests()).extracting(TestResult::name)
                .contains("rip_non_canonical_refused", "rip_on_stack_refused");
        // fork: each process reads back its own global, in both forms, and a crashing child harms nothing
        for (String name : List.of("ukl_fork_copies_globals", "user_form_fork_copies_globals")) {
            TestResult t = r.subtests().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertThat(t.subtests()).extracting(TestResult::name).containsExactly(
                    "child_reads_back_its_own_global", "stack_is_copied", "parent_reads_back_its_own_global",
                    "crashing_child_dies_by_sigsegv", "parent_intact_after_child_crash");
        }
        // the app's own traps: the same checks, passed the same way, in both forms
        TestResult uklTraps = r.subtests().stream().filter(t -> t.name().equals("ukl_traps")).findFirst()
                .orElseThrow();
        TestResult userTraps = r.subtests().stream().filter(t -> t.name().equals("user_form_traps")).findFirst()
                .orElseThrow();
        assertThat(uklTraps.subtests()).extracting(TestResult::name).containsExactly("sigaction",
                "trap_flag_gives_one_sigtrap", "trap_flag_si_code_trap_trace", "int3_gives_one_sigtrap",
                "int3_si_code_si_kernel");
        assertThat(userTraps.subtests()).extracting(TestResult::name)
                .containsExactlyElementsOf(uklTraps.subtests().stream().map(TestResult::name).toList());
        // interrupts returning with RF set (as a fault's frame has it on hardware): both forms compute on
        for (String name : List.of("ukl_returns_with_resume_flag", "user_form_returns_with_resume_flag")) {
            TestResult t = r.subtests().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertThat(t.subtests()).as(name).extracting(TestResult::name).containsExactly(
                    "timer_with_handler_setting_rf", "interrupted_returns_with_rf", "computation_exact_across_returns");
        }
        // threads on stacks nothing populated: each thread's 32 KiB of frames were faulted in
        for (String name : List.of("ukl_threads_on_mmap_stacks", "ukl_threads_on_heap_stacks",
                "ukl_thread_on_growsdown_stack", "ukl_runs_while_its_stack_is_dropped")) {
            TestResult t = r.subtests().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertThat(t.subtests()).as(name).hasSize(3).allMatch(s -> s.status() == TestResult.Status.PASS);
        }
        TestResult cpl0 = r.subtests().stream().filter(t -> t.name().equals("ukl_runs_at_cpl0")).findFirst()
                .orElseThrow();
        assertThat(cpl0.subtests()).extracting(TestResult::name)
                .containsExactly("privilege_level", "smap_on", "smep_on");
        TestResult ukl = r.subtests().stream().filter(t -> t.name().equals("ukl_syscalls")).findFirst().orElseThrow();
        TestResult user = r.subtests().stream().filter(t -> t.name().equals("user_form_syscalls")).findFirst()
                .orElseThrow();
        assertThat(ukl.subtests()).extracting(TestResult::name)
                .containsExactlyElementsOf(user.subtests().stream().map(TestResult::name).toList())
                .contains("accept_into_globals", "efault_kernel_pointer", "direction_flag_set_at_call");
        System.out.println("ukl suite: " + GuestTests.summary(r));
    }

    @Test
    void aFailingGuestTestFailsWithTheConsoleTail() {
        Path failing = new GuestPrograms(project).compile(
                project.root().resolve("src/test/resources/guest-failing/half_broken.c"));
        assertThatThrownBy(() -> new GuestTests(pipeline).run("plain", List.of(failing), "it-failing", null))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("guest tests failed: it-failing/half_broken/fails_on_purpose")
                .satisfies(e -> {
                    UklException u = (UklException) e;
                    assertThat(u.detail()).contains("last lines of the guest console")
                            .contains("not ok 2 fails_on_purpose");
                    assertThat(u.log()).exists();
                });
    }
}
