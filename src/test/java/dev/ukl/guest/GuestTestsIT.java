package dev.ukl.guest;

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
