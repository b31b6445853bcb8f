package dev.ukl.kernel;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFragmentTest {
    @Test
    void readsSetUnsetAndStringOptions() {
        ConfigFragment f = ConfigFragment.parse(Path.of("x.config"), List.of(
                "# a comment", "", "CONFIG_NET=y", "# CONFIG_PCI is not set", "CONFIG_UKL_NAME=\"/UKL\"",
                "CONFIG_NR_CPUS=4"));
        assertThat(f.options()).containsExactly(
                java.util.Map.entry("CONFIG_NET", "y"), java.util.Map.entry("CONFIG_PCI", "n"),
                java.util.Map.entry("CONFIG_UKL_NAME", "\"/UKL\""), java.util.Map.entry("CONFIG_NR_CPUS", "4"));
    }

    @Test
    void aLineThatIsNotConfigIsAnErrorWithItsPlace() {
        assertThatThrownBy(() -> ConfigFragment.parse(Path.of("bad.config"), List.of("CONFIG_NET=y", "NET=y")))
                .isInstanceOf(UklException.class)
                .hasMessage("bad.config:2: not a config line: NET=y");
    }

    @Test
    void theProjectsFragmentsParse() {
        assertThat(ConfigFragment.read(Path.of("kernel/configs/base.config")).options())
                .containsEntry("CONFIG_SERIAL_8250_CONSOLE", "y").containsEntry("CONFIG_BLK_DEV_INITRD", "y");
        // the baseline adds nothing to the base guest: every option in it is a comment
        assertThat(ConfigFragment.read(Path.of("kernel/configs/plain.config")).options()).isEmpty();
        // the UKL variant: the option, the exec name the guest scripts use, the archive ukl copies
        assertThat(ConfigFragment.read(Path.of("kernel/configs/ukl.config")).options())
                .containsEntry("CONFIG_UNIKERNEL_LINUX", "y")
                .containsEntry("CONFIG_UKL_NAME", "\"/UKL\"")
                .containsEntry("CONFIG_UKL_ARCHIVE_PATH", "\"UKL.a\"");
    }
}
