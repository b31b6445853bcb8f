package dev.ukl.bench;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ukl bench boot's parts that need no boot: the plugin's counts, the memory search, the table. */
class BootBenchTest {
    private static List<String> resource(String name) throws IOException {
        try (InputStream in = BootBenchTest.class.getResourceAsStream("/bench/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void theCountsOfARealBootGiveTheInstructionsToTheMark() throws IOException {
        // written by tools/profile/ukl-boot.c for the sample echo server as init on the UKL kernel
        assertThat(BootBench.parseCounts(resource("boot-tcp_server-ukl-init.counts"), "fixture"))
                .isEqualTo(429_717_321L);
        assertThatThrownBy(() -> BootBench.parseCounts(List.of("ready -", "total 123"), "a boot"))
                .isInstanceOf(UklException.class).hasMessageContaining("never reached __x64_sys_listen (a boot)");
    }

    @Test
    void theMemorySearchFindsTheFloorToItsStepAndSaysWhenItIsOutside() {
        List<Integer> tried = new ArrayList<>();
        int[] f = BootBench.memoryFloor(mb -> {
            tried.add(mb);
            return mb >= 45;
        }, 32, 512, 8);
        assertThat(f[0]).isBetween(45, 45 + 8);
        assertThat(f[0] - f[1]).isLessThanOrEqualTo(8);
        assertThat(f[1]).isLessThan(45);
        assertThat(tried).startsWith(512, 32).hasSizeLessThan(12);

        assertThat(BootBench.memoryFloor(mb -> true, 32, 512, 8)).containsExactly(32, 0);
        assertThat(BootBench.memoryFloor(mb -> false, 32, 512, 8)).containsExactly(0, 512);
    }

    @Test
    void theSearchsLaterBootsWaitThreeTimesWhatTheBootWithTheMostMemoryTookWithinBounds() {
        assertThat(BootBench.floorStartLimit(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(45));
        assertThat(BootBench.floorStartLimit(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(20));
        assertThat(BootBench.floorStartLimit(Duration.ofMinutes(5))).isEqualTo(BootBench.FIRST_START_LIMIT);
    }

    @Test
    void theTableGivesEveryFigureItsUnitAndTheUklFormsTheirShareOfTheUserForm() {
        BootBench.Result r = new BootBench.Result("tcp_server", 5555, List.of(
                new BootBench.FormResult("user", "as a user program", 3_126_272, 1_696_652, 400_000_000L, 47, 32, null,
                        false, null),
                new BootBench.FormResult("ukl-init", "as init", 3_142_656, 1_364_323, 300_000_000L, 32, 0, null, false,
                        null),
                new BootBench.FormResult("ukl-shell", "from a shell", 3_142_656, 1_364_608, 410_000_000L, 0, 512, null,
                        false, null),
                BootBench.FormResult.notRun(Form.UKL_INIT, "argument '\"\"': as init it travels on the"
                        + " kernel command line")));
        String t = BootBench.table(List.of(r));
        assertThat(t).contains("kernel B", "initramfs B", "instr. to ready", "memory")
                .contains("400,000,000 ").contains("300,000,000 (75%)").contains("410,000,000 (103%)")
                .contains(" 47M").contains("<=32M").contains(">512M")
                .contains("4822924").contains("firmware included")
                .contains("ukl-init   not run: argument");
        BootBench.Result lua = new BootBench.Result("lua", 0, List.of(
                new BootBench.FormResult("user", "as a user program", 3_126_272, 1_900_000, 500_000_000L, 39, 32, null,
                        true, null)));
        assertThat(BootBench.table(List.of(lua))).contains("500,000,000 end").contains("marked end, for a command-line"
                + " program (no port) to QEMU's exit").contains("no wall time to ready: only where KVM boots")
                .doesNotContain("wall to ready ");
        BootBench.Result onKvm = new BootBench.Result("lua", 0, List.of(
                new BootBench.FormResult("user", "as a user program", 3_126_272, 1_900_000, 500_000_000L, 39, 32, null,
                        true, 812.25),
                BootBench.FormResult.notRun(Form.UKL_INIT, "why")));
        String kvm = BootBench.table(List.of(onKvm));
        assertThat(kvm.lines().findFirst().orElseThrow()).endsWith("wall to ready");
        assertThat(kvm).contains("812.3 ms").contains("wall to ready: from QEMU's start under KVM");
    }

    @Test
    void aCommandLineProgramIsCountedToQemusExitWhichAKilledQemuNeverReaches() throws IOException {
        // written by tools/profile/ukl-boot.c for samples/lua as the user program: it never listens,
        // and QEMU exited when the guest powered off after the interpreter ended
        assertThat(BootBench.parseTotal(resource("boot-lua-user.counts"), "fixture")).isEqualTo(477_068_698L);
        assertThat(BootBench.parseTotal(List.of("ready -", "total 612345678"), "a boot")).isEqualTo(612_345_678L);
        assertThatThrownBy(() -> BootBench.parseTotal(List.of("ready -"), "a boot"))
                .isInstanceOf(UklException.class).hasMessageContaining("QEMU did not exit normally (a boot)");
    }

    @Test
    void anAppWithoutAPortIsACommandLineProgramMeasuredToItsEnd() {
        App lua = App.load(Project.locate().root().resolve("samples/lua"));
        App server = App.load(Project.locate().root().resolve("samples/tcp_server"));
        assertThat(BootBench.toEnd(lua)).isTrue();
        assertThat(BootBench.toEnd(server)).isFalse();
        assertThat(BootBench.toEnd(lua.withPort(7070))).isFalse();
        assertThatThrownBy(() -> Form.of("kvm", Form.STARTS)).hasMessageContaining("user, ukl-shell, ukl-init");
    }
}
