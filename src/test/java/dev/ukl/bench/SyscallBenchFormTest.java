package dev.ukl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ukl.UklException;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Pipeline;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyscallBenchFormTest {
    @Test
    void onlyTheFormsThatLinkTheAppAreUklForms() {
        // The control runs the user program on the UKL kernel: its code is not in vmlinux, so a
        // profile must read its symbols from the program, and a server bench must start /apps/NAME.
        assertThat(SyscallBench.Form.USER_ON_UKL.ukl()).isFalse();
        assertThat(SyscallBench.Form.USER_ON_UKL.variant()).isEqualTo(Pipeline.UKL_VARIANT);
        assertThat(SyscallBench.Form.USER.ukl()).isFalse();
        assertThat(Arrays.stream(SyscallBench.Form.values()).filter(SyscallBench.Form::ukl))
                .containsExactly(SyscallBench.Form.UKL_BASE, SyscallBench.Form.UKL_BYPASS,
                        SyscallBench.Form.UKL_SHORTCUTS, SyscallBench.Form.UKL_RET, SyscallBench.Form.UKL);
    }

    @Test
    void eachSingleFastPathFormTurnsEveryOtherPathOffAndTheBaseTurnsAllOff() {
        List<String> all = List.of("ukl_bypass=off", "ukl_shortcuts=off", "ukl_ret=off");
        // every form counts with fixed addresses (guests randomize by default)
        for (SyscallBench.Form f : SyscallBench.Form.values()) {
            assertThat(f.kernelArgs()).as(f.label()).startsWith("norandmaps");
        }
        assertThat(SyscallBench.Form.UKL_BASE.kernelArgs()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("norandmaps"), all.stream()).toList());
        assertThat(SyscallBench.Form.UKL.kernelArgs()).containsExactly("norandmaps");
        for (SyscallBench.Form alone : List.of(SyscallBench.Form.UKL_BYPASS, SyscallBench.Form.UKL_SHORTCUTS,
                SyscallBench.Form.UKL_RET)) {
            assertThat(alone.kernelArgs().subList(1, 3)).as(alone.label()).isSubsetOf(all);
            assertThat(alone.kernelArgs()).hasSize(3);
        }
        assertThat(SyscallBench.Form.COMPARED).doesNotContain(SyscallBench.Form.USER_ON_UKL)
                .containsAll(Arrays.stream(SyscallBench.Form.values()).filter(SyscallBench.Form::ukl).toList());
    }

    @Test
    void aModeSaysWhetherItRunsTheAppInTheKernel() {
        assertThat(Arrays.stream(AppRunner.Mode.values()).filter(AppRunner.Mode::appInKernel))
                .containsExactly(AppRunner.Mode.UKL_SHELL, AppRunner.Mode.UKL_INIT, AppRunner.Mode.UKL_BARE);
        assertThat(AppRunner.Mode.USERSPACE_ON_UKL.form().describe()).contains("UKL kernel");
        assertThat(AppRunner.Mode.USERSPACE.form().describe()).contains("plain kernel");
    }

    @Test
    void everyFormIsFoundByItsLabelAndAnUnknownOneIsNamed() {
        for (SyscallBench.Form f : SyscallBench.Form.values()) {
            assertThat(SyscallBench.Form.of(f.label())).isSameAs(f);
        }
        assertThatThrownBy(() -> SyscallBench.Form.of("fast"))
                .isInstanceOf(UklException.class).hasMessageContaining("no form 'fast'")
                .hasMessageContaining("user-on-ukl");
    }
}
