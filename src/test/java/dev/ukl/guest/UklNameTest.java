package dev.ukl.guest;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exec name that starts the UKL app comes from the UKL variant's config fragment, so a user
 * who sets CONFIG_UKL_NAME there gets the file in the image, the shell's exec and the init's
 * rdinit= at that name.
 */
class UklNameTest {
    @TempDir
    Path tmp;

    @Test
    void theFragmentsNameOrTheKernelsDefault() throws Exception {
        assertThat(Pipeline.uklName(Path.of("kernel/configs/ukl.config"))).isEqualTo("/UKL");
        Path other = Files.writeString(tmp.resolve("ukl.config"),
                "CONFIG_UNIKERNEL_LINUX=y\nCONFIG_UKL_NAME=\"/opt/app/server\"\n");
        assertThat(Pipeline.uklName(other)).isEqualTo("/opt/app/server");
        Path unset = Files.writeString(tmp.resolve("unset.config"), "CONFIG_UNIKERNEL_LINUX=y\n");
        assertThat(Pipeline.uklName(unset)).isEqualTo(Pipeline.DEFAULT_UKL_NAME);
        Path relative = Files.writeString(tmp.resolve("bad.config"), "CONFIG_UKL_NAME=\"app server\"\n");
        assertThatThrownBy(() -> Pipeline.uklName(relative)).isInstanceOf(UklException.class)
                .hasMessageContaining("must be an absolute path");
    }

    @Test
    void aBootedImageStartsAsInitWhatItsCommandLineNames() {
        String line = UklInitForm.commandLine("/opt/app/server", java.util.List.of("one"), java.util.Map.of());
        assertThat(line).contains("rdinit=/opt/app/server ");
        assertThat(ImageBoot.rdinit(line)).isEqualTo("/opt/app/server");
        assertThat(ImageBoot.rdinit("console=ttyS0")).isEqualTo(Pipeline.DEFAULT_UKL_NAME);
        assertThat(UklInitForm.startLine("/opt/app/server").matcher("Run /opt/app/server as init process").find())
                .isTrue();
    }
}
