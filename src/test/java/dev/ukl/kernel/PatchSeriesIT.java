package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel patch series against the kernel's own checkpatch.pl and the tree it applies to. */
class PatchSeriesIT {
    private static final Project PROJECT = Project.locate();
    private static SourceTree tree;

    @BeforeAll
    static void prepare() {
        tree = new SourceTree(PROJECT.kernelSource(), new PatchSeries(PROJECT.patches()));
        tree.prepare(new PrintWriter(System.out, true));
    }

    @Test
    void everyPatchIsCheckpatchClean() {
        List<Path> patches = new PatchSeries(PROJECT.patches()).patches();
        assertThat(patches).isNotEmpty();
        for (Path p : patches) {
            Proc.Result r = Proc.run(tree.dir(), List.of("perl", "scripts/checkpatch.pl", "--no-tree", p.toString()));
            assertThat(r.output()).as("checkpatch of %s", p.getFileName())
                    .contains("total: 0 errors, 0 warnings");
        }
    }

    @Test
    void theTreeIsTheSeriesAppliedInOrder() {
        List<String> subjects = tree.commits().stream().map(SourceTree.Commit::subject).toList();
        List<Path> patches = new PatchSeries(PROJECT.patches()).patches();
        assertThat(subjects).hasSameSizeAs(patches);
        assertThat(subjects.get(0)).startsWith("ukl: add Kconfig options");
        for (String s : subjects) {
            assertThat(s).as("kernel-style subject").matches("[a-zA-Z0-9/_.-]+: [a-z].*");
        }
    }
}
