package dev.ukl.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Makefile app built by real make: make decides what its own rules rebuild, but cannot see the
 * UKL runtime behind ukl cc, so an archive linked against another runtime is made again.
 */
class MakefileAppTest {
    @TempDir
    Path tmp;

    /** An app whose UKL.a rule counts its runs in links.txt, beside the build. */
    private Path app() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("counted"));
        Files.writeString(d.resolve("Makefile"), """
                UKL.a:
                \techo linked >> ../links.txt
                \techo archive > UKL.a

                userspace:
                \ttrue

                .PHONY: userspace
                """);
        return d;
    }

    private static long links(Path buildRoot) throws Exception {
        Path f = buildRoot.resolve("counted/links.txt");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    @Test
    void anArchiveIsMadeOnceForOneRuntimeAndAgainForAnother() throws Exception {
        App app = App.load(app());
        Path buildRoot = tmp.resolve("apps");
        Path ukl = Path.of("ukl").toAbsolutePath();
        AppBuilder.Built first = new MakefileApp(buildRoot, ukl, "runtime-1").build(app);
        assertThat(first.uklArchive()).exists();
        assertThat(links(buildRoot)).isEqualTo(1);

        new MakefileApp(buildRoot, ukl, "runtime-1").build(app);
        assertThat(links(buildRoot)).as("the same runtime: make finds UKL.a up to date").isEqualTo(1);

        AppBuilder.Built again = new MakefileApp(buildRoot, ukl, "runtime-2").build(app);
        assertThat(links(buildRoot)).as("another runtime: UKL.a is made again").isEqualTo(2);
        assertThat(again.uklArchive()).exists();
        new MakefileApp(buildRoot, ukl, "runtime-2").build(app);
        assertThat(links(buildRoot)).isEqualTo(2);
    }
}
