package dev.ukl.profile;

import java.util.Set;

/**
 * The functions of the way into the kernel and back for a system call, as opposed to the call's
 * own work: the architecture's entry and return (SYSCALL, SYSRET and the code around them), the
 * generic entry and exit work, the table dispatch, and UKL's entries, returns and shortcut
 * functions. The system call's own function ({@code __x64_sys_NAME}) is its work: some calls'
 * bodies are inlined there (getppid's is), even though for others it only unpacks the registers.
 *
 * <p>What a case costs outside these functions (the app's code and the call's work) is what any
 * form pays, whatever its entry: a floor no fast path can go below while the call does what the
 * system call does.
 */
public final class EntryPath {
    private static final Set<String> FUNCTIONS = Set.of(
            // arch/x86/entry/entry_64.S: the SYSCALL entry and the SYSRET return
            "entry_SYSCALL_64", "entry_SYSCALL_64_safe_stack", "entry_SYSCALL_64_after_hwframe",
            "syscall_return_via_sysret", "entry_SYSRETQ_unsafe_stack", "entry_SYSRETQ_end",
            "swapgs_restore_regs_and_return_to_usermode", "restore_regs_and_return_to_kernel",
            // arch/x86/entry/common.c, syscall_64.c and kernel/entry/common.c
            "do_syscall_64", "x64_sys_call", "syscall_enter_from_user_mode", "syscall_exit_to_user_mode",
            "exit_to_user_mode_prepare", "syscall_exit_work", "syscall_trace_enter", "amd_clear_divider",
            // UKL's entries and returns
            "ukl_entry_SYSCALL_64", "ukl_entry_app_end", "ukl_shortcut_SYSCALL_64", "ukl_return_ret",
            "ukl_return_to_app", "ukl_do_syscall", "ukl_shortcut_exit");

    private EntryPath() {
    }

    /** Whether a kernel function is part of the system-call entry and return. */
    public static boolean contains(String function) {
        // ukl_sc_NAME: a shortcut's function, which passes the arguments to what the call calls
        return FUNCTIONS.contains(function) || function.startsWith("ukl_sc_");
    }
}
