package dev.ukl.suite;

import dev.ukl.ktap.TestResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading and comparing captured consoles of guest/x86/run.sh (plain kernel, UKL kernel). */
class X86SelftestsTest {
    static List<String> console(String name) throws IOException {
        try (InputStream in = X86SelftestsTest.class.getResourceAsStream("/x86/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void aPlainKernelRunGivesEveryTestAStatusAsRootAndAsNobody() throws IOException {
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-console.log"));
        assertThat(plain.finished()).isTrue();
        assertThat(plain.app()).as("no app on the plain kernel").isNull();
        assertThat(plain.statuses()).containsEntry("root/sigreturn_64", 0).containsEntry("nobody/sigreturn_64", 0);
        long tests = plain.statuses().keySet().stream().filter(k -> k.startsWith("root/")).count();
        assertThat(plain.statuses()).hasSize((int) tests * 2);
        assertThat(plain.statuses()).doesNotContainKey("root/sysret_ss_attrs_64");
    }

    @Test
    void theSameConsoleTwiceComparesEqualButAnAppNotRunningFails() throws IOException {
        X86Selftests.Outcome ukl = X86Selftests.parse(console("ukl-console.log"));
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-console.log"));
        assertThat(ukl.app()).isEqualTo("running");
        TestResult r = X86Selftests.compare("x86", plain, ukl);
        assertThat(r.ok()).as(String.join(", ", r.failures())).isTrue();
        assertThat(r.count(TestResult.Status.SKIP)).as("NOT_RUN listed for each user")
                .isEqualTo(2 * X86Selftests.NOT_RUN.size());

        X86Selftests.Outcome noApp = new X86Selftests.Outcome(ukl.statuses(), ukl.failLines(), null, true, ukl.kernelProblems());
        assertThat(X86Selftests.compare("x86", plain, noApp).failures()).containsExactly("x86/ukl_app_kept_running");
    }

    @Test
    void bothHalvesOnKernelsWithIa32EmulationCompareEqual() throws IOException {
        // captured: both kernels with IA32 emulation and patch 38, the 64-bit and the 32-bit programs
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-32-console.log"));
        X86Selftests.Outcome ukl = X86Selftests.parse(console("ukl-32-console.log"));
        assertThat(plain.statuses()).containsEntry("nobody/ldt_gdt_32", 0).containsEntry("root/ptrace_syscall_32", 0)
                .containsEntry("root/sigreturn_64", 0).containsKeys("root/sigreturn_32", "nobody/entry_from_vm86_32")
                .doesNotContainKeys(X86Selftests.NOT_RUN.keySet().stream().map(t -> "root/" + t).toArray(String[]::new));
        assertThat(ukl.statuses()).isEqualTo(plain.statuses());
        assertThat(plain.kernelProblems()).isEmpty();
        assertThat(ukl.kernelProblems()).isEmpty();
        TestResult r = X86Selftests.compare("x86", plain, ukl);
        assertThat(r.ok()).as(String.join(", ", r.failures())).isTrue();

        // one 32-bit run that ends otherwise on the UKL kernel is a failure of its own
        Map<String, Integer> changed = new LinkedHashMap<>(ukl.statuses());
        changed.put("root/sigreturn_32", 139);
        X86Selftests.Outcome other = new X86Selftests.Outcome(changed, ukl.failLines(), ukl.app(), true,
                ukl.kernelProblems());
        assertThat(X86Selftests.compare("x86", plain, other).failures()).containsExactly("x86/as_root/sigreturn_32");
    }

    @Test
    void theUklKernelBeforeTheEspfixRepairFailsFromSigreturnOn() throws IOException {
        // captured: the UKL kernel without the repair in ukl_leave_ist, dead at root/sigreturn_64
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-console.log"));
        X86Selftests.Outcome dead = X86Selftests.parse(console("ukl-before-espfix-repair-console.log"));
        assertThat(dead.finished()).isFalse();
        assertThat(dead.statuses()).containsEntry("nobody/sigaltstack_64", 0).doesNotContainKey("root/sigreturn_64");
        TestResult r = X86Selftests.compare("x86", plain, dead);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).contains("x86/as_root/sigreturn_64", "x86/as_nobody/sigreturn_64",
                "x86/as_root/test_vsyscall_64", "x86/both_runs_finished", "x86/ukl_app_kept_running")
                .doesNotContain("x86/as_root/sigaltstack_64", "x86/no_kernel_problem_only_on_ukl");
    }

    @Test
    void aDifferentStatusOrANewKernelWarningIsAFailure() throws IOException {
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-console.log"));
        Map<String, Integer> changed = new LinkedHashMap<>(plain.statuses());
        changed.put("nobody/sigaltstack_64", 1);
        X86Selftests.Outcome other = new X86Selftests.Outcome(changed, Map.of(), "running", true, plain.kernelProblems());
        assertThat(X86Selftests.compare("x86", plain, other).failures()).containsExactly("x86/as_nobody/sigaltstack_64");

        List<String> warned = new ArrayList<>(console("plain-console.log"));
        warned.add(warned.size() - 1, "[   12.345678] WARNING: CPU: 0 PID: 99 at arch/x86/kernel/traps.c:123 exc_foo+0x12/0x40");
        X86Selftests.Outcome w = X86Selftests.parse(warned);
        X86Selftests.Outcome withApp = new X86Selftests.Outcome(w.statuses(), w.failLines(), "running", true, w.kernelProblems());
        TestResult r = X86Selftests.compare("x86", plain, withApp);
        assertThat(r.failures()).containsExactly("x86/no_kernel_problem_only_on_ukl");
        assertThat(X86Selftests.normalize("WARNING: CPU: 1 PID: 7 at a.c:12 f+0x1/0x2"))
                .isEqualTo(X86Selftests.normalize("WARNING: CPU: 0 PID: 99 at a.c:12 f+0x3/0x4"));
    }
    /** The plain boot of the fixture with the user forms of the tests that also run as the app. */
    private static X86Selftests.Outcome plainWithUserForms(int status) throws IOException {
        X86Selftests.Outcome plain = X86Selftests.parse(console("plain-console.log"));
        Map<String, Integer> statuses = new LinkedHashMap<>(plain.statuses());
        for (String test : X86Selftests.AS_APP) {
            for (String user : X86Selftests.USERS) {
                statuses.put(user + "/" + test + X86Selftests.USER_FORM_SUFFIX, status);
            }
        }
        return new X86Selftests.Outcome(statuses, plain.failLines(), null, true, plain.kernelProblems());
    }

    private static Map<String, X86Selftests.AppRun> everyAppEnds(int status) {
        Map<String, X86Selftests.AppRun> runs = new LinkedHashMap<>();
        X86Selftests.AS_APP.forEach(t -> runs.put(t, new X86Selftests.AppRun(status, List.of(), java.util.Set.of())));
        return runs;
    }

    @Test
    void anAppThatEndsAsItsUserFormPassesAndTheOthersAreListedWithTheirReason() throws IOException {
        X86Selftests.Outcome plain = plainWithUserForms(0);
        X86Selftests.Outcome ukl = new X86Selftests.Outcome(plain.statuses(), plain.failLines(), "running", true,
                plain.kernelProblems());
        TestResult r = X86Selftests.compare("x86", plain, ukl, everyAppEnds(0));
        assertThat(r.ok()).as(String.join(", ", r.failures())).isTrue();
        TestResult asApp = r.subtests().stream().filter(t -> t.name().equals("as_the_ukl_app")).findFirst().orElseThrow();
        assertThat(asApp.subtests()).extracting(TestResult::name).containsAll(X86Selftests.AS_APP)
                .containsAll(X86Selftests.NOT_AS_APP.keySet());
        assertThat(asApp.count(TestResult.Status.SKIP)).isEqualTo(X86Selftests.NOT_AS_APP.size());
        assertThat(asApp.subtests()).filteredOn(t -> t.name().equals("sigreturn")).singleElement()
                .satisfies(t -> assertThat(t.directive()).contains("4 GiB"));
        assertThat(X86Selftests.AS_APP).doesNotContainAnyElementsOf(X86Selftests.NOT_AS_APP.keySet());
    }

    @Test
    void anAppThatEndsOtherwiseOrWithoutAStatusOrWithAKernelWarningFails() throws IOException {
        X86Selftests.Outcome plain = plainWithUserForms(0);
        X86Selftests.Outcome ukl = new X86Selftests.Outcome(plain.statuses(), plain.failLines(), "running", true,
                plain.kernelProblems());
        Map<String, X86Selftests.AppRun> runs = everyAppEnds(0);
        // as syscall_nt ended before the shortcut kept the app's flags: exit 1, its [FAIL] lines
        runs.put("syscall_nt", new X86Selftests.AppRun(1,
                List.of("[FAIL]\tThe syscall worked but flags were cleared"), java.util.Set.of()));
        runs.put("sigaltstack", new X86Selftests.AppRun(null, List.of(), java.util.Set.of()));
        runs.put("sigtrap_loop", new X86Selftests.AppRun(0, List.of(),
                java.util.Set.of(X86Selftests.normalize("WARNING: CPU: 0 PID: 9 at arch/x86/kernel/traps.c:1 f+0x1/0x2"))));
        TestResult r = X86Selftests.compare("x86", plain, ukl, runs);
        assertThat(r.failures()).containsExactlyInAnyOrder("x86/as_the_ukl_app/syscall_nt",
                "x86/as_the_ukl_app/sigaltstack", "x86/as_the_ukl_app/sigtrap_loop");
        TestResult nt = r.subtests().stream().filter(t -> t.name().equals("as_the_ukl_app")).findFirst().orElseThrow()
                .subtests().stream().filter(t -> t.name().equals("syscall_nt")).findFirst().orElseThrow();
        assertThat(nt.diagnostics()).contains("user form: exit 0", "UKL app: exit 1");

        // a user form that did not run on the plain kernel is no comparison either
        X86Selftests.Outcome noUserForms = X86Selftests.parse(console("plain-console.log"));
        assertThat(X86Selftests.compare("x86", noUserForms, ukl, everyAppEnds(0)).failures())
                .contains("x86/as_the_ukl_app/syscall_nt");
    }
}
