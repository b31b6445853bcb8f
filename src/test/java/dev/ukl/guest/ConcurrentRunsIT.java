package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that share a checkout and need the UKL kernel with different apps: the variant's
 * object directory is locked while one links its app, and each boots a snapshot of the kernel it
 * linked, so the other's relink, while it waits to boot or between two of its boots, changes
 * nothing for it.
 */
class ConcurrentRunsIT {
    private static final Project PROJECT = Project.locate();
    private static final Path ARGS = PROJECT.guest().resolve("run-args");
    private static final Path TESTS = PROJECT.guest().resolve("ukl");

    private static List<String> symbols(Path bzImage) {
        Proc.Result nm = Proc.run(null, List.of("nm", KernelBuilder.vmlinuxOf(bzImage).toString()));
        assertThat(nm.ok()).as(nm.output()).isTrue();
        return nm.output().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    @Test
    void aUklKernelKeepsItsAppWhenAnotherCommandRelinksTheVariant() throws Exception {
        Pipeline p = new Pipeline(PROJECT, new PrintWriter(System.out, true)).ensurePrerequisites();
        AppBuilder builder = new AppBuilder(PROJECT);
        Path args = p.uklKernel(builder.build(App.load(ARGS)).uklArchive());
        byte[] argsImage = Files.readAllBytes(args);
        Path tests = p.uklKernel(builder.build(App.load(TESTS)).uklArchive());
        assertThat(tests).isNotEqualTo(args);
        // the first kernel is still the one linked with run-args (musl's fopen), not the test app
        assertThat(Files.readAllBytes(args)).isEqualTo(argsImage);
        assertThat(symbols(args)).contains("ukl_fopen").doesNotContain("ukl_int80_hidden");
        assertThat(symbols(tests)).contains("ukl_int80_hidden").doesNotContain("ukl_fopen");
        assertThat(Files.exists(args.getParent().getParent().getParent().getParent().resolve(".config"))).isTrue();
    }

    private record Run(Process process, Path out, Path err) {
        static Run start(String... args) throws Exception {
            Path out = Files.createTempFile("ukl-concurrent", ".out");
            Path err = Files.createTempFile("ukl-concurrent", ".err");
            return new Run(new ProcessBuilder(RunCommandIT.command(args)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start(), out, err);
        }

        int await() throws Exception {
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("a ukl run did not end in 20 minutes");
            }
            System.out.println("--- stdout ---\n" + Files.readString(out) + "--- stderr ---\n" + Files.readString(err));
            return process.exitValue();
        }
    }

    @Test
    void twoRunsOfDifferentAppsAtOnceEachRunTheirOwnTheSecondAfterWaiting() throws Exception {
        // the test app's kernel was linked last (above, or by the suites): run-args relinks
        new Pipeline(PROJECT, new PrintWriter(System.out, true)).ensurePrerequisites();
        Run first = Run.start("run", ARGS.toString(), "--", "one");
        Thread.sleep(2000);
        Run second = Run.start("run", TESTS.toString(), "--", "cpl", "0");
        int a = first.await();
        int b = second.await();
        assertThat(a).isEqualTo(3);
        assertThat(Files.readString(first.out())).contains("argv[1] = 'one'");
        assertThat(b).isZero();
        assertThat(Files.readString(second.out())).contains("ok 1 privilege_level").doesNotContain("not ok");
        String waited = Files.readString(first.out()) + Files.readString(first.err()) + Files.readString(second.out())
                + Files.readString(second.err());
        assertThat(waited).contains("ukl: waiting for another ukl command");
    }
}
