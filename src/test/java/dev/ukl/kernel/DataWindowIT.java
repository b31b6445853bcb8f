package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An app whose data do not fit in the window its code reaches (the app's data are linked for
 * user addresses from 2 MiB, reached through rip-relative wrap-around) is refused when the
 * kernel is linked, with the linker script's message, not with a kernel that misbehaves.
 */
class DataWindowIT {
    @TempDir
    Path tmp;

    @Test
    void anAppWithMoreDataThanItsCodeReachesIsRefusedAtLinkWithTheReason() throws Exception {
        Project project = Project.locate();
        Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        Path dir = Files.createDirectories(tmp.resolve("too-much-data"));
        Files.writeString(dir.resolve("ukl.properties"), "libc = musl\n");
        // 64 MiB of bss: far past the reach of code some 20 MiB above __START_KERNEL_map
        Files.writeString(dir.resolve("main.c"), "static char big[64 << 20];\n"
                + "int main(int argc, char **argv) { big[argc] = 1; return big[argc + 1]; }\n");
        Path archive = new AppBuilder(project).build(App.load(dir)).uklArchive();
        try {
            assertThatThrownBy(() -> pipeline.uklKernel(archive)).isInstanceOf(UklException.class)
                    .hasMessageContaining("kernel build of variant 'ukl' failed")
                    .satisfies(e -> assertThat(((UklException) e).detail())
                            .contains("UKL: the application's data does not fit below the reach of its code"));
        } finally {
            // the next test's kernel relinks with its own app
            Files.deleteIfExists(project.kernelObjects(Pipeline.UKL_VARIANT).resolve("UKL.a"));
        }
    }
}
