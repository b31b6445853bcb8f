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
 * Spectre v1 on the UKL path of get_user/put_user: in the built UKL kernel, every range check
 * through ukl_access_ok fences before it jumps back to the access.
 */
class UaccessFencesIT {
    @Test
    void everyUklRangeCheckOfTheBuiltKernelFencesBeforeTheAccess() {
        Project project = Project.locate();
        Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        App app = App.load(project.guest().resolve("ukl"));
        pipeline.uklKernel(new AppBuilder(project).build(app).uklArchive());
        Path vmlinux = project.kernelObjects(Pipeline.UKL_VARIANT).resolve("vmlinux");
        List<UaccessFences.Function> helpers = UaccessFences.read(UaccessFences.disassemble(vmlinux));
        assertThat(helpers).extracting(UaccessFences.Function::name)
                .containsExactlyElementsOf(UaccessFences.HELPERS);
        assertThat(helpers).allSatisfy(f -> {
            assertThat(f.rangeChecks()).as(f.name()).isEqualTo(1);
            assertThat(f.unfenced()).as(f.name()).isEmpty();
        });
    }
}
