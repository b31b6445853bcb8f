package dev.ukl.kernel;

import dev.ukl.UklException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepare, export and status on a small stand-in for the kernel tarball, with real git. */
class SourceTreeTest {
    @TempDir
    Path tmp;
    private Path tarball;
    private Path patches;
    private final PrintWriter out = new PrintWriter(new StringWriter());

    @BeforeEach
    void makeTarball() throws Exception {
        Path src = tmp.resolve("pack/linux-source-6.1");
        Files.createDirectories(src.resolve("kernel"));
        Files.writeString(src.resolve("Makefile"), "VERSION = 6\n");
        Files.writeString(src.resolve("kernel/fork.c"), "int fork;\n");
        Files.writeString(src.resolve(".gitignore"), "*.o\n#\n# Debian packaging\n#\n/*\n!/debian/\n");
        tarball = tmp.resolve("linux-source-6.1.tar.xz");
        sh(tmp.resolve("pack"), "tar", "-cJf", tarball.toString(), "linux-source-6.1");
        patches = Files.createDirectories(tmp.resolve("patches"));
    }

    private static String sh(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(o).isZero();
        return o;
    }

    private SourceTree tree() {
        return new SourceTree(tmp.resolve("build/src/linux"), new PatchSeries(patches), tarball);
    }

    private void commit(Path dir, String file, String text, String subject) throws Exception {
        Files.writeString(dir.resolve(file), text);
        sh(dir, "git", "add", "-A");
        sh(dir, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", subject);
    }

    @Test
    void preparesOnceThenExportsAndReappliesTheSeries() throws Exception {
        SourceTree t = tree();
        assertThat(t.state()).isEqualTo(SourceTree.State.MISSING);
        t.prepare(out);
        assertThat(t.state()).isEqualTo(SourceTree.State.CURRENT);
        assertThat(Files.readString(t.dir().resolve(".gitignore"))).doesNotContain("/*");

        commit(t.dir(), "kernel/ukl.c", "int ukl;\n", "ukl: add a file");
        commit(t.dir(), "Makefile", "VERSION = 6\nUKL = 1\n", "kbuild: mention ukl");
        assertThat(t.state()).isEqualTo(SourceTree.State.UNEXPORTED);
        assertThatThrownBy(() -> t.prepare(out)).isInstanceOf(UklException.class)
                .hasMessageContaining("not in kernel/patches").hasMessageContaining("ukl kernel export");

        List<Path> files = t.export(out);
        assertThat(files).hasSize(2);
        assertThat(Files.readAllLines(patches.resolve("series")))
                .containsExactly("0001-ukl-add-a-file.patch", "0002-kbuild-mention-ukl.patch");
        assertThat(t.state()).isEqualTo(SourceTree.State.CURRENT);

        // A fresh machine: the tree is gone, the series recreates it.
        dev.ukl.util.FileTrees.delete(t.dir());
        SourceTree again = tree();
        again.prepare(out);
        assertThat(again.state()).isEqualTo(SourceTree.State.CURRENT);
        assertThat(again.commits()).extracting(SourceTree.Commit::subject)
                .containsExactly("ukl: add a file", "kbuild: mention ukl");
        assertThat(Files.readString(again.dir().resolve("kernel/ukl.c"))).isEqualTo("int ukl;\n");
    }

    @Test
    void uncommittedEditsAreNeverThrownAway() throws Exception {
        SourceTree t = tree();
        t.prepare(out);
        Files.writeString(t.dir().resolve("kernel/fork.c"), "int fork = 1;\n");
        assertThat(t.state()).isEqualTo(SourceTree.State.UNCOMMITTED);
        assertThatThrownBy(() -> t.prepare(out)).isInstanceOf(UklException.class)
                .hasMessageContaining("uncommitted edits");
        assertThatThrownBy(() -> t.export(out)).isInstanceOf(UklException.class)
                .hasMessageContaining("uncommitted edits");
        assertThat(Files.readString(t.dir().resolve("kernel/fork.c"))).isEqualTo("int fork = 1;\n");
    }

    @Test
    void aChangedSeriesIsReapplied() throws Exception {
        SourceTree t = tree();
        t.prepare(out);
        commit(t.dir(), "kernel/a.c", "int a;\n", "a: first");
        t.export(out);
        // Someone else's series arrives (say, by git pull): the tree follows it.
        Files.writeString(patches.resolve("series"), "");
        assertThat(t.state()).isEqualTo(SourceTree.State.STALE);
        t.prepare(out);
        assertThat(t.commits()).isEmpty();
        assertThat(Files.exists(t.dir().resolve("kernel/a.c"))).isFalse();
    }

    @Test
    void aPatchThatDoesNotApplyIsNamed() throws Exception {
        Files.writeString(patches.resolve("0001-bad.patch"), """
                From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
                From: t <t@t>
                Date: Mon, 3 Oct 2022 00:00:00 +0000
                Subject: [PATCH] bad: change a missing file

                ---
                 nothere.c | 2 +-
                 1 file changed, 1 insertion(+), 1 deletion(-)

                diff --git a/nothere.c b/nothere.c
                --- a/nothere.c
                +++ b/nothere.c
                @@ -1 +1 @@
                -old
                +new
                """);
        Files.writeString(patches.resolve("series"), "0001-bad.patch\n");
        assertThatThrownBy(() -> tree().prepare(out)).isInstanceOf(UklException.class)
                .hasMessageContaining("0001-bad.patch does not apply");
    }

    @Test
    void aMissingTarballSaysWhatToInstall() {
        SourceTree t = new SourceTree(tmp.resolve("x/linux"), new PatchSeries(patches), tmp.resolve("none.tar.xz"));
        assertThatThrownBy(() -> t.prepare(out)).isInstanceOf(UklException.class)
                .hasMessageContaining("apt-get install -y linux-source-6.1");
    }

    @Test
    void theExportIsNumberedWithTheCoverLetterBesideThePatchesAndNotInTheSeries() throws Exception {
        SourceTree t = tree();
        t.prepare(out);
        commit(t.dir(), "kernel/ukl.c", "int ukl;\n", "ukl: add a file");
        commit(t.dir(), "Makefile", "VERSION = 6\nUKL = 1\n", "kbuild: mention ukl");
        Files.writeString(tmp.resolve("cover-letter.txt"), "UKL: the subject\n\nWhat the series does.\n");
        t.export(out);
        assertThat(Files.readAllLines(patches.resolve("series")))
                .containsExactly("0001-ukl-add-a-file.patch", "0002-kbuild-mention-ukl.patch");
        Path cover = patches.resolve("0000-cover-letter.patch");
        String first = Files.readString(patches.resolve("0001-ukl-add-a-file.patch"));
        assertThat(first).contains("Subject: [PATCH 1/2] ukl: add a file");
        String letter = Files.readString(cover);
        assertThat(letter).contains("Subject: [PATCH 0/2] UKL: the subject").contains("What the series does.")
                .contains("ukl: add a file").contains("kbuild: mention ukl");
        // the exporter and the time of export do not show: the same series gives the same bytes
        for (String header : List.of("From: ", "Date: ")) {
            assertThat(letter.lines().filter(l -> l.startsWith(header)).findFirst())
                    .isEqualTo(first.lines().filter(l -> l.startsWith(header)).findFirst());
        }
        t.export(out);
        assertThat(Files.readString(cover)).isEqualTo(letter);
        // and the numbered series applies on a fresh tree
        dev.ukl.util.FileTrees.delete(t.dir());
        SourceTree again = tree();
        again.prepare(out);
        assertThat(again.commits()).extracting(SourceTree.Commit::subject)
                .containsExactly("ukl: add a file", "kbuild: mention ukl");
    }
}
