package dev.ukl.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KernelBuilderTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstErrorsOfAParallelBuildLogAreFound() throws Exception {
        Path log = Files.writeString(tmp.resolve("k.log"), String.join("\n",
                "  CC      lib/a.o",
                "../../src/linux/fs/binfmt_ukl.c:79:17: error: implicit declaration of function 'fput'",
                "  CC      lib/b.o",
                "ld: vmlinux.o: in function `x': undefined reference to `ukl__start'",
                "  CC      lib/c.o",
                "ld: warning: vmlinux has a LOAD segment with RWX permissions",
                "ld: UKL: the application's data does not fit below the reach of its code", ""));
        String detail = KernelBuilder.firstErrors(log);
        assertThat(detail).contains("error: implicit declaration of function 'fput'")
                .contains("undefined reference to `ukl__start'")
                .contains("ld: UKL: the application's data does not fit below the reach of its code")
                .doesNotContain("lib/b.o").doesNotContain("RWX");
        assertThat(KernelBuilder.firstErrors(Files.writeString(tmp.resolve("ok.log"), "  CC x\n"))).isEmpty();
    }

    /**
     * The linker's real words for an app symbol that, prefixed, is a name the kernel's UKL code
     * uses (gcc and ld link two objects that both define ukl_do_syscall, as UKL.a from an app with
     * a do_syscall() would beside vmlinux.o).
     */
    @Test
    void aSymbolTheAppSharesWithTheKernelIsNamed() throws Exception {
        Path a = Files.writeString(tmp.resolve("kernel.c"), "void ukl_do_syscall(void) {}\n");
        Path b = Files.writeString(tmp.resolve("app.c"), "void ukl_do_syscall(void) {}\nvoid _start(void) {}\n");
        dev.ukl.util.Proc.Result cc = dev.ukl.util.Proc.run(tmp, java.util.List.of("gcc", "-c", a.toString(),
                b.toString()));
        assertThat(cc.ok()).as(cc.output()).isTrue();
        dev.ukl.util.Proc.Result ld = dev.ukl.util.Proc.run(tmp, java.util.List.of("ld", "-o", "vmlinux", "kernel.o",
                "app.o"));
        assertThat(ld.ok()).isFalse();
        Path log = Files.writeString(tmp.resolve("link.log"), ld.output());
        assertThat(KernelBuilder.symbolClash(log)).startsWith("the app defines 'do_syscall', which becomes "
                + "'ukl_do_syscall' in the kernel").contains("rename it");
        assertThat(KernelBuilder.symbolClash(Files.writeString(tmp.resolve("ok.log"), "  LD vmlinux\n"))).isNull();
    }

    @Test
    void theLastBuildsStepCountGuidesTheProgressBar() throws Exception {
        Path steps = tmp.resolve(".ukl-steps");
        assertThat(KernelBuilder.readSteps(steps)).isEqualTo(KernelBuilder.FIRST_BUILD_GUESS);
        assertThat(KernelBuilder.readSteps(Files.writeString(steps, "2817\n"))).isEqualTo(2817);
        assertThat(KernelBuilder.readSteps(Files.writeString(steps, "garbage\n")))
                .isEqualTo(KernelBuilder.FIRST_BUILD_GUESS);
    }
}
