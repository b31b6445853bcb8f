package dev.ukl.guest;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormTest {
    private static final List<Form> EVERY = Stream.concat(Form.STARTS.stream(), Form.BENCHED.stream()).distinct()
            .toList();

    @Test
    void onlyTheFormsThatLinkTheAppRunItInTheKernel() {
        // The control runs the user program on the UKL kernel: its code is not in vmlinux, so a
        // profile must read its symbols from the program, and a server bench must start /apps/NAME.
        assertThat(Form.USER_ON_UKL.appInKernel()).isFalse();
        assertThat(Form.USER_ON_UKL.variant()).isEqualTo(Pipeline.UKL_VARIANT);
        assertThat(Form.USER.appInKernel()).isFalse();
        assertThat(Form.USER.variant()).isEqualTo("plain");
        assertThat(EVERY.stream().filter(Form::appInKernel)).containsExactly(Form.UKL_SHELL, Form.UKL_INIT,
                Form.UKL_BARE, Form.UKL_BASE, Form.UKL_BYPASS, Form.UKL_SHORTCUTS, Form.UKL_RET, Form.UKL);
        assertThat(EVERY.stream().filter(Form::appInKernel).map(Form::variant)).containsOnly(Pipeline.UKL_VARIANT);
        assertThat(Form.USER_ON_UKL.describe()).contains("UKL kernel");
        assertThat(Form.USER.describe()).contains("plain kernel");
    }

    @Test
    void theFastPathVariantsAreTheUklAppFromAShellWithTheirSwitches() {
        List<String> all = List.of("ukl_bypass=off", "ukl_shortcuts=off", "ukl_ret=off");
        for (Form f : List.of(Form.UKL_BASE, Form.UKL_BYPASS, Form.UKL_SHORTCUTS, Form.UKL_RET, Form.UKL)) {
            assertThat(f.runner()).as(f.label()).isSameAs(Form.UKL_SHELL.runner());
        }
        assertThat(Form.UKL_BASE.kernelArgs()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(Form.UKL.kernelArgs()).isEmpty();
        for (Form alone : List.of(Form.UKL_BYPASS, Form.UKL_SHORTCUTS, Form.UKL_RET)) {
            assertThat(alone.kernelArgs()).as(alone.label()).hasSize(2).isSubsetOf(all);
        }
        // the ways to start an app have no switches of their own
        for (Form f : Form.STARTS) {
            assertThat(f.kernelArgs()).as(f.label()).isEmpty();
        }
        assertThat(Form.COMPARED).doesNotContain(Form.USER_ON_UKL)
                .containsAll(Form.BENCHED.stream().filter(Form::appInKernel).toList());
    }

    @Test
    void aCountingBenchmarkAsksForFixedAddressesBeforeTheFormsSwitches() {
        // guests randomize addresses by default; a count must not move with them
        for (Form f : EVERY) {
            assertThat(f.countedKernelArgs()).as(f.label()).startsWith("norandmaps")
                    .hasSize(f.kernelArgs().size() + 1).endsWith(f.kernelArgs().toArray(String[]::new));
        }
    }

    @Test
    void aSuffixedFormKeepsItsLabelKindAndSwitchesButNamesItsBootApart() {
        Form f = Form.UKL_BASE.suffixed("clock-1");
        assertThat(f.label()).isEqualTo("ukl-base");
        assertThat(f.kernelArgs()).isEqualTo(Form.UKL_BASE.kernelArgs());
        assertThat(f.appInKernel()).isTrue();
        assertThat(f.runner().label()).isEqualTo("ukl-shell-clock-1");
    }

    @Test
    void everyFormIsFoundByItsLabelAndAnUnknownOneIsNamed() {
        for (Form f : Form.BENCHED) {
            assertThat(Form.of(f.label(), Form.BENCHED)).isSameAs(f);
        }
        for (Form f : Form.STARTS) {
            assertThat(Form.of(f.label(), Form.STARTS)).isSameAs(f);
        }
        assertThatThrownBy(() -> Form.of("fast", Form.BENCHED))
                .isInstanceOf(UklException.class).hasMessageContaining("no form 'fast'")
                .hasMessageContaining("user-on-ukl");
        assertThatThrownBy(() -> Form.of("ukl-base", Form.STARTS)).hasMessageContaining("user, ukl-shell, ukl-init, ukl-bare");
    }
}
