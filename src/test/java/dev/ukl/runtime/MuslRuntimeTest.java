package dev.ukl.runtime;

import dev.ukl.Project;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When an installed runtime counts as current: patch and flags unchanged, and its gcc still installed. */
class MuslRuntimeTest {
    @TempDir
    Path root;
    private MuslRuntime runtime;
    private String gccInclude;
    private String libgcc;

    @BeforeEach
    void installedRuntime() throws Exception {
        Files.createDirectories(root.resolve("runtime/musl"));
        Files.copy(Project.locate().root().resolve("runtime/musl/ukl.patch"), root.resolve("runtime/musl/ukl.patch"));
        runtime = new MuslRuntime(new Project(root));
        Files.createDirectories(runtime.lib());
        Files.writeString(runtime.lib().resolve("libc.a"), "!<arch>\n");
        Files.writeString(runtime.prefix().resolve(".ukl-stamp"), runtime.stamp() + "\n");
        gccInclude = Proc.run(null, List.of("gcc", "-print-file-name=include")).output().strip();
        libgcc = Proc.run(null, List.of("gcc", "-print-libgcc-file-name")).output().strip();
    }

    @Test
    void currentWhenTheRecordedGccIsInstalled() throws Exception {
        Files.writeString(runtime.prefix().resolve("gcc.paths"), gccInclude + "\n" + libgcc + "\n");
        assertThat(runtime.upToDate()).isTrue();
    }

    @Test
    void staleWhenBuiltWithAGccMajorNoLongerInstalled() throws Exception {
        String gone = "/usr/lib/gcc/x86_64-linux-gnu/999/";
        Files.writeString(runtime.prefix().resolve("gcc.paths"), gone + "include\n" + gone + "libgcc.a\n");
        assertThat(runtime.upToDate()).isFalse();
    }

    @Test
    void staleWhenThePatchChanged() throws Exception {
        Files.writeString(runtime.prefix().resolve("gcc.paths"), gccInclude + "\n" + libgcc + "\n");
        Files.writeString(runtime.patch(), "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(runtime.upToDate()).isFalse();
    }
}
