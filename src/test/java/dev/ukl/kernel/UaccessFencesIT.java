package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spectre v1 and get_user/put_user: the built UKL kernel's helpers are the kernel's own, every
 * get_user masking the address, with no UKL range check beside the mask (a UKL app's data are user
 * memory, so UKL needs none).
 */
class UaccessFencesIT {
    @Test
    void theBuiltUklKernelsHelpersMaskEveryAccessAndHaveNoUklPath() {
        Project project = Project.locate();
        Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        App app = App.load(project.guest().resolve("ukl"));
        pipeline.uklKernel(new AppBuilder(project).build(app).uklArchive());
        Path vmlinux = project.kernelObjects(Pipeline.UKL_VARIANT).resolve("vmlinux");
        List<UaccessFences.Function> helpers = UaccessFences.read(UaccessFences.disassemble(vmlinux));
        assertThat(helpers).extracting(UaccessFences.Function::name)
                .containsExactlyElementsOf(UaccessFences.HELPERS);
        assertThat(helpers).allSatisfy(f -> {
            assertThat(f.rangeChecks()).as(f.name()).isZero();
            assertThat(f.unfenced()).as(f.name()).isEmpty();
            // the kernel masks loads only (put_user has no mask of its own, with or without UKL)
            assertThat(f.masked()).as(f.name()).isEqualTo(f.name().startsWith("__get_user"));
        });
    }
}
