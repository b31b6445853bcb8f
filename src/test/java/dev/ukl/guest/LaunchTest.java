package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.app.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchTest {
    @TempDir
    Path tmp;

    @Test
    void memorySizesAreMebibytes() {
        assertThat(Launch.parseMemory("512")).isEqualTo(512);
        assertThat(Launch.parseMemory("512M")).isEqualTo(512);
        assertThat(Launch.parseMemory("1G")).isEqualTo(1024);
        assertThat(Launch.parseMemory("2GiB")).isEqualTo(2048);
        assertThatThrownBy(() -> Launch.parseMemory("lots")).isInstanceOf(UklException.class)
                .hasMessageContaining("512M or 1G");
        assertThatThrownBy(() -> Launch.of(List.of(), false, List.of(), List.of(), Optional.of("16M"), 1, null,
                List.of())).hasMessageContaining("at least 32M");
    }

    @Test
    void cpusAreWhatTheGuestKernelSupports() {
        assertThatThrownBy(() -> Launch.of(List.of(), false, List.of(), List.of(), Optional.empty(), 5, null,
                List.of())).isInstanceOf(UklException.class).hasMessageContaining("1 to 4");
    }

    @Test
    void variablesTakeAValueOrTheHostsOne() {
        assertThat(Launch.parseEnv("A=b=c", k -> null)).isEqualTo(Map.entry("A", "b=c"));
        assertThat(Launch.parseEnv("A=", k -> null)).isEqualTo(Map.entry("A", ""));
        assertThat(Launch.parseEnv("HOME", Map.of("HOME", "/root")::get)).isEqualTo(Map.entry("HOME", "/root"));
        assertThatThrownBy(() -> Launch.parseEnv("NOPE", k -> null)).hasMessageContaining("-e NOPE=VALUE");
        assertThatThrownBy(() -> Launch.of(List.of(), false, List.of("1X=2"), List.of(), Optional.empty(), 1, null,
                List.of())).hasMessageContaining("not a variable name");
    }

    @Test
    void aVolumeGoesWhereItIsToldOrToItsOwnPath() throws IOException {
        Path f = Files.writeString(tmp.resolve("in.txt"), "x");
        assertThat(Launch.Volume.parse(f + ":/data/in.txt")).isEqualTo(new Launch.Volume(f, "/data/in.txt"));
        assertThat(Launch.Volume.parse(f.toString())).isEqualTo(new Launch.Volume(f, f.toString()));
        assertThatThrownBy(() -> Launch.Volume.parse(tmp.resolve("missing") + ":/x"))
                .hasMessageContaining("no such file or directory");
        assertThatThrownBy(() -> Launch.Volume.parse(f + ":/"))
                .hasMessageContaining("must be absolute, not /");
        assertThatThrownBy(() -> Launch.Volume.parse(f + ":/a/../etc"))
                .hasMessageContaining("without ..");
    }

    @Test
    void argumentsReplaceTheDescriptorsOnlyWhenGiven() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(dir.resolve("main.c"), "int main(void) { return 0; }\n");
        Files.writeString(dir.resolve("ukl.properties"), "args = --port 1\n");
        App app = App.load(dir);
        assertThat(Launch.defaults().argsFor(app)).containsExactly("--port", "1");
        Launch given = Launch.of(List.of("x"), true, List.of(), List.of(), Optional.empty(), 1, null, List.of());
        assertThat(given.argsFor(app)).containsExactly("x");
    }

    @Test
    void kernelParametersGoBeforeInitsArguments() {
        assertThat(BootPlan.appended("console=ttyS0 -- a b", List.of("quiet")))
                .isEqualTo("console=ttyS0 quiet -- a b");
        assertThat(BootPlan.appended("console=ttyS0", List.of("quiet", "loglevel=3")))
                .isEqualTo("console=ttyS0 quiet loglevel=3");
        assertThatThrownBy(() -> BootPlan.appended("console=ttyS0", List.of("x".repeat(3000))))
                .hasMessageContaining("holds 2047");
    }
}
