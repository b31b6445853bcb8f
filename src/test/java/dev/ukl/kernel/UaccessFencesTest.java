package dev.ukl.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fence check on objdump's disassembly of real UKL kernels, before and after the fence. */
class UaccessFencesTest {
    private static List<UaccessFences.Function> read(String resource) throws Exception {
        return UaccessFences.read(Files.readString(Path.of("src/test/resources/kernel", resource)));
    }

    @Test
    void theSeriesBeforeTheFenceJumpsBackToTheAccessFromEveryRangeCheck() throws Exception {
        List<UaccessFences.Function> helpers = read("uaccess-unfenced.txt");
        assertThat(helpers).extracting(UaccessFences.Function::name).containsExactlyElementsOf(UaccessFences.HELPERS);
        assertThat(helpers).allSatisfy(f -> {
            assertThat(f.rangeChecks()).isEqualTo(1);
            assertThat(f.unfenced()).hasSize(1);
            assertThat(f.unfenced().get(0)).contains("<ukl_access_ok>").contains("jmp");
        });
        // put_user's access is at an inner label, which still counts as the helper's own code
        assertThat(helpers.get(4).unfenced().get(0)).contains("<__put_user_nocheck_1>");
    }

    @Test
    void theFencedSeriesHasAnLfenceOnEveryPathBackToTheAccess() throws Exception {
        List<UaccessFences.Function> helpers = read("uaccess-fenced.txt");
        assertThat(helpers).extracting(UaccessFences.Function::name).containsExactlyElementsOf(UaccessFences.HELPERS);
        assertThat(helpers).allSatisfy(f -> {
            assertThat(f.rangeChecks()).isEqualTo(1);
            assertThat(f.unfenced()).isEmpty();
            // the kernel masks loads only: put_user has no mask of its own
            assertThat(f.masked()).as(f.name()).isEqualTo(f.name().startsWith("__get_user"));
        });
    }

    @Test
    void aKernelWithoutUklHasNoRangeChecksToFence() {
        String plain = """
                ffffffff81323c60 <__get_user_1>:
                ffffffff81323c60:\tmovabs $0x7fffffffefff,%rdx
                ffffffff81323c6a:\tcmp    %rdx,%rax
                ffffffff81323c6d:\tjae    ffffffff81323c81 <bad_get_user>
                ffffffff81323c6f:\tsbb    %rdx,%rdx
                ffffffff81323c72:\tand    %rdx,%rax
                ffffffff81323c75:\tmovzbl (%rax),%edx
                ffffffff81323c78:\txor    %eax,%eax
                ffffffff81323c7a:\tret
                """;
        assertThat(UaccessFences.read(plain)).singleElement()
                .satisfies(f -> {
                    assertThat(f.rangeChecks()).isZero();
                    assertThat(f.masked()).isTrue();
                });
        // without the and, the sbb alone masks nothing
        assertThat(UaccessFences.read(plain.replace("\tand    %rdx,%rax", "\tnop"))).singleElement()
                .satisfies(f -> assertThat(f.masked()).isFalse());
    }
}
