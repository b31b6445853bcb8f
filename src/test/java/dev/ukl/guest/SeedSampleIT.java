package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.kernel.PatchSeries;
import dev.ukl.kernel.SourceTree;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel series' own sample (samples/ukl), an app laid out as the seed's sample is: its
 * Makefile builds UKL.a with the seed's recipe (its flags, ar, objcopy --prefix-symbols=ukl_,
 * _start: jmp main, system calls by call entry_SYSCALL_64) and a userspace target.
 */
class SeedSampleIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    private App sample() {
        new SourceTree(project.kernelSource(), new PatchSeries(project.patches())).prepare(pipeline.out());
        Path dir = project.kernelSource().resolve("samples/ukl");
        App app = App.load(dir);
        assertThat(app.kind()).isEqualTo(App.Kind.MAKEFILE);
        return app;
    }

    @Test
    void anArchiveBuiltWithTheSeedsRecipeLinksAndServes() throws Exception {
        int port = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(sample(), Form.UKL_SHELL, new PortForward(port, 5555),
                null)) {
            Vm vm = run.vm();
            long bytes = EchoIT.echo(port, 10, 1000, 11);
            System.out.println("seed-style sample as UKL app: " + bytes + " bytes echoed intact");
            assertThat(run.output()).anyMatch(l -> l.contains("echo: listening"));
            vm.shutdown();
        }
    }

    @Test
    void aPrebuiltArchiveRunsAsItIs() throws Exception {
        App built = sample();
        Path archive = new dev.ukl.app.AppBuilder(project).build(built).uklArchive();
        App prebuilt = App.load(archive);
        assertThat(prebuilt.kind()).isEqualTo(App.Kind.ARCHIVE);
        int port = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(prebuilt, Form.UKL_SHELL, new PortForward(port, 5555),
                null)) {
            Vm vm = run.vm();
            assertThat(EchoIT.echo(port, 2, 20, 13)).isPositive();
            vm.shutdown();
        }
    }

    @Test
    void itsUserspaceTargetRunsAsAnOrdinaryDynamicProgram() throws Exception {
        int port = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(sample(), Form.USER, new PortForward(port, 5555),
                null)) {
            Vm vm = run.vm();
            long bytes = EchoIT.echo(port, 10, 200, 12);
            assertThat(bytes).isPositive();
            vm.shutdown();
        }
    }
}
