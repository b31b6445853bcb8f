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

    @Test
    void theLastBuildsStepCountGuidesTheProgressBar() throws Exception {
        Path steps = tmp.resolve(".ukl-steps");
        assertThat(KernelBuilder.readSteps(steps)).isEqualTo(KernelBuilder.FIRST_BUILD_GUESS);
        assertThat(KernelBuilder.readSteps(Files.writeString(steps, "2817\n"))).isEqualTo(2817);
        assertThat(KernelBuilder.readSteps(Files.writeString(steps, "garbage\n")))
                .isEqualTo(KernelBuilder.FIRST_BUILD_GUESS);
    }
}
