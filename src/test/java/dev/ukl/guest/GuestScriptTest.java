package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The guest's runner scripts with the shared KTAP helpers, run by the guest's own shell (busybox). */
class GuestScriptTest {
    private final Project project = Project.locate();

    private static Proc.Result busybox(String script) {
        return Proc.run(Path.of("."), List.of("busybox", "sh", "-c", script));
    }

    @Test
    void theHelpersNumberTestsAndCountFailures() {
        String job = GuestScript.job(project, GuestScript.HELPERS, Map.of());
        Proc.Result r = busybox(job + "\nresult ok first\nresult fail second\nresult ok third\necho failed=$failed");
        assertThat(r.output().lines()).containsExactly("ok 1 first", "not ok 2 second", "ok 3 third", "failed=1");
    }

    @Test
    void variablesComeBeforeHelpersAndScript() {
        String job = GuestScript.job(project, "ukl/soak-echo.sh", new TreeMap<>(Map.of("DURATION", "5", "PERIOD", "1")));
        assertThat(job).startsWith("DURATION=5\nPERIOD=1\n");
        assertThat(job.indexOf("result() {")).isLessThan(job.indexOf("echo \"KTAP version 1\""));
    }

    @Test
    void everyRunnerThatUsesTheHelpersIsValidShellWithThem() {
        for (String s : List.of("ukl/run.sh", "ukl/soak.sh", "ukl/soak-echo.sh")) {
            Proc.Result r = busybox("set -n\n" + GuestScript.job(project, s, Map.of()));
            assertThat(r.ok()).as(s + ": " + r.output()).isTrue();
        }
    }
}
