package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.UklException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config merging against the real kernel tree's Kconfig. */
class ConfigMergerIT {
    private static final Project PROJECT = Project.locate();
    @TempDir
    Path tmp;

    @BeforeAll
    static void tree() {
        new SourceTree(PROJECT.kernelSource(), new PatchSeries(PROJECT.patches())).prepare(new PrintWriter(System.out, true));
    }

    private void merge(String fragment) throws Exception {
        Path f = tmp.resolve("variant.config");
        Files.writeString(f, fragment);
        new ConfigMerger(PROJECT.kernelSource()).merge(tmp.resolve("obj"),
                List.of(PROJECT.configs().resolve("base.config"), f), tmp.resolve("config.log"));
    }

    @Test
    void theBaseMergesCleanly() throws Exception {
        merge("CONFIG_PRINTK_TIME=y\n");
        assertThat(ConfigFragment.readConfig(tmp.resolve("obj/.config")))
                .containsEntry("CONFIG_SERIAL_8250_CONSOLE", "y").containsEntry("CONFIG_VIRTIO_NET", "y");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> merge("CONFIG_UKL_DOES_NOT_EXIST=y\n"))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("CONFIG_UKL_DOES_NOT_EXIST=y requested in variant.config: no such option");
    }

    @Test
    void uklIsRefusedBesideRetpolines() throws Exception {
        // the app's code has no retpolines: Kconfig must not offer UKL in a kernel that has them
        String ukl = Files.readString(PROJECT.configs().resolve("ukl.config"));
        merge(ukl);
        assertThat(ConfigFragment.readConfig(tmp.resolve("obj/.config"))).containsEntry("CONFIG_UNIKERNEL_LINUX", "y");
        assertThatThrownBy(() -> merge(ukl + "CONFIG_CPU_MITIGATIONS=y\nCONFIG_RETPOLINE=y\n"))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("CONFIG_UNIKERNEL_LINUX=y requested in variant.config: got not set");
    }

    @Test
    void anUnmetDependencyIsNamed() {
        // virtio-net needs PCI (through VIRTIO_PCI) here; turning PCI off must not pass silently.
        assertThatThrownBy(() -> merge("# CONFIG_PCI is not set\nCONFIG_VIRTIO_PCI=y\n"))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("CONFIG_VIRTIO_PCI=y requested in variant.config: got not set (a dependency is not met)");
    }
}
