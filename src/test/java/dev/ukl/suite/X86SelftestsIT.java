package dev.ukl.suite;

import dev.ukl.guest.Pipeline;
import dev.ukl.Project;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's x86 selftests, 64-bit and 32-bit, as ordinary processes, root and nobody, on the plain kernel and on
 * the UKL kernel beside a running UKL app: every run ends the same, the app keeps running, and
 * the UKL kernel logs no oops, BUG, WARNING or panic the plain one does not. Before the espfix64
 * repair in ukl_leave_ist, sigreturn_64 stopped the UKL kernel dead. The tests that mean something
 * for the app run as the UKL app too and end as their user form does: before the last patches of
 * the series, sigtrap_loop and syscall_nt died of SIGSEGV (popf cleared AC), then syscall_nt
 * exited 1 (flags lost across a call), and test_vsyscall died of SIGSEGV (no vsyscall emulation).
 * The 32-bit half runs since both kernels have IA32 emulation; with it, the app's int $0x80 went
 * through a gate without the UKL IST stack until patch 38 (the UKL suite's ukl_int80_sigsegv).
 */
class X86SelftestsIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @Test
    void everySelftestEndsTheSameOnTheUklKernelBesideARunningApp() {
        X86Selftests.Result r = new X86Selftests(pipeline).run("it-x86-selftests", null);
        System.out.println("x86 selftests: " + GuestTests.summary(r.comparison()));
        // the entry tests that reach the espfix64 IRET, single-stepping, sigaltstack and fsgsbase ran
        assertThat(r.plain().statuses()).containsKeys("root/sigreturn_64", "nobody/sigreturn_64",
                "root/single_step_syscall_64", "nobody/sigaltstack_64", "root/fsgsbase_64",
                "nobody/syscall_arg_fault_64");
        assertThat(r.plain().statuses().get("nobody/sigreturn_64")).as("sigreturn_64 passes on the plain kernel")
                .isZero();
        // and their 32-bit half: compat system calls (int $0x80, the vDSO's entry), LDT stack segments
        assertThat(r.plain().statuses()).containsKeys("root/sigreturn_32", "nobody/sigreturn_32",
                "root/ldt_gdt_32", "nobody/ptrace_syscall_32", "root/entry_from_vm86_32",
                "nobody/syscall_arg_fault_32", "root/ldt_gdt_64", "nobody/ptrace_syscall_64");
        assertThat(r.plain().statuses().get("nobody/ldt_gdt_32")).as("ldt_gdt_32 passes on the plain kernel")
                .isZero();
        assertThat(r.plain().finished()).isTrue();
        assertThat(r.ukl().finished()).as("the UKL kernel ran every test to the end").isTrue();
        assertThat(r.ukl().statuses()).isEqualTo(r.plain().statuses());
        assertThat(r.ukl().app()).isEqualTo("running");
        // every test built is run as the app, or says why not
        r.plain().statuses().keySet().stream().filter(k -> k.startsWith("root/") && k.endsWith("_64"))
                .map(k -> k.substring("root/".length(), k.length() - "_64".length()))
                .forEach(t -> assertThat(X86Selftests.AS_APP.contains(t) || X86Selftests.NOT_AS_APP.containsKey(t))
                        .as(t + " is run as the app or has a reason not to be").isTrue());
        assertThat(r.asApp()).containsOnlyKeys(X86Selftests.AS_APP);
        r.asApp().forEach((test, run) -> assertThat(run.status()).as(test + " as the UKL app")
                .isEqualTo(r.plain().statuses().get("root/" + test + X86Selftests.USER_FORM_SUFFIX)).isZero());
        assertThat(r.comparison().ok()).as(String.join(", ", r.comparison().failures())).isTrue();
    }
}
