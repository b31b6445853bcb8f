package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The series changes nothing for a kernel built without UNIKERNEL_LINUX: the plain variant built
 * from the patched tree has the code of the same variant built from the pristine tree.
 */
class PristineTextIT {
    private static final PrintWriter OUT = new PrintWriter(System.out, true);

    @Test
    void aKernelWithoutUklHasThePristineTreesCode() {
        Project project = Project.locate();
        new Pipeline(project, OUT).ensurePrerequisites();
        TextComparison c = new KernelBuilder(project).compareWithPristine("plain", OUT);
        System.out.println("plain, patched and pristine: " + c.summary());
        assertThat(c.same()).as(String.join("\n", c.differing())).isTrue();
        assertThat(c.size()).isEqualTo(c.otherSize()).isPositive();
    }

    @Test
    void theUklVariantHasNoPristineCounterpart() {
        Project project = Project.locate();
        assertThatThrownBy(() -> new KernelBuilder(project).compareWithPristine(Pipeline.UKL_VARIANT, OUT))
                .isInstanceOf(UklException.class).hasMessageContaining("has UNIKERNEL_LINUX on");
    }
}
