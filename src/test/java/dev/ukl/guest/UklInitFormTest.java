package dev.ukl.guest;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UklInitFormTest {
    @Test
    void variablesBeforeTheDashesArgumentsAfterBlanksQuoted() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello there");
        env.put("INPUT", "/data/in.txt");
        String line = UklInitForm.commandLine("/UKL", List.of("one", "two words"), env);
        assertThat(line).startsWith(Pipeline.APPEND.replace("rdinit=/init", "rdinit=/UKL"))
                .endsWith(" GREETING=\"hello there\" INPUT=/data/in.txt -- one \"two words\"");
        assertThat(UklInitForm.commandLine("/UKL", List.of(), Map.of())).doesNotContain(" --");
    }

    @Test
    void whatTheCommandLineCannotCarryIsRefused() {
        assertThatThrownBy(() -> UklInitForm.commandLine("/UKL", List.of("say \"hi\""), Map.of()))
                .isInstanceOf(UklException.class).hasMessageContaining("double quotes");
        assertThatThrownBy(() -> UklInitForm.commandLine("/UKL", List.of(""), Map.of()))
                .hasMessageContaining("empty argument");
        assertThatThrownBy(() -> UklInitForm.commandLine("/UKL", List.of("x".repeat(2100)), Map.of()))
                .hasMessageContaining("holds 2047 characters").hasMessageContaining("leave out --as-init");
        assertThatThrownBy(() -> UklInitForm.commandLine("/UKL", Collections.nCopies(32, "a"), Map.of()))
                .hasMessageContaining("at most 31 arguments");
    }

    @Test
    void aToolIsRefusedForInitBeforeAnythingIsBuilt() {
        Launch strace = Launch.defaults().withTool(Launch.Tool.STRACE);
        for (Form f : List.of(Form.UKL_INIT, Form.UKL_BARE, Form.UKL_INIT.suffixed("bench-1"))) {
            assertThatThrownBy(() -> f.runner().check(strace)).as(f.label()).isInstanceOf(UklException.class)
                    .hasMessageContaining("do not go with --as-init");
            f.runner().check(Launch.defaults());
        }
        Form.UKL_SHELL.runner().check(strace);
        Form.USER.runner().check(strace);
    }
}
