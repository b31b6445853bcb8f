package dev.ukl.guest;

import dev.ukl.Project;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's x86 selftests as ordinary processes, root and nobody, on the plain kernel and on
 * the UKL kernel beside a running UKL app: every run ends the same, the app keeps running, and
 * the UKL kernel logs no oops, BUG, WARNING or panic the plain one does not. Before the espfix64
 * repair in ukl_leave_ist, sigreturn_64 stopped the UKL kernel dead.
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
        assertThat(r.plain().finished()).isTrue();
        assertThat(r.ukl().finished()).as("the UKL kernel ran every test to the end").isTrue();
        assertThat(r.ukl().statuses()).isEqualTo(r.plain().statuses());
        assertThat(r.ukl().app()).isEqualTo("running");
        assertThat(r.comparison().ok()).as(String.join(", ", r.comparison().failures())).isTrue();
    }
}
