package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.kernel.SeriesCheck;
import dev.ukl.kernel.PatchSeries;
import dev.ukl.kernel.SourceTree;
import dev.ukl.kernel.TextComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Prepare, build and export the kernel tree (build/src/linux) and its patch series.")
public final class KernelCommand {
    @Spec
    CommandSpec spec;

    private SourceTree tree() {
        Project p = Project.locate();
        return new SourceTree(p.kernelSource(), new PatchSeries(p.patches()));
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Unpack the kernel source (once) and apply kernel/patches.")
    int prepare() {
        PrintWriter out = Common.out(spec);
        tree().prepare(out);
        out.println("kernel tree ready: " + tree().dir());
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the kernel tree and kernel/patches agree.")
    int status() {
        PrintWriter out = Common.out(spec);
        SourceTree t = tree();
        SourceTree.State s = t.state();
        out.println("kernel tree " + t.dir() + ": " + s.text());
        if (s != SourceTree.State.MISSING) {
            for (SourceTree.Commit c : t.commits()) {
                out.println("  " + c);
            }
        }
        return s == SourceTree.State.CURRENT ? 0 : 1;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the tree's commits to kernel/patches (git format-patch) and its series file.")
    int export() {
        tree().export(Common.out(spec));
        return 0;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Configure and build a kernel variant (a fragment in kernel/configs).")
    int build(@Parameters(arity = "0..1", defaultValue = "plain", paramLabel = "VARIANT",
            description = "Variant name (default: ${DEFAULT-VALUE}).") String variant) {
        PrintWriter out = Common.out(spec);
        Common.pipeline(spec).ensurePrerequisites();
        Path image = new KernelBuilder(Project.locate()).build(variant, List.of(), out);
        out.println("kernel " + variant + ": " + image);
        return 0;
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Build a variant without UKL from the patched tree and from the pristine one, and "
                    + "compare their code (vmlinux .text): the series must change nothing for a kernel built "
                    + "without UNIKERNEL_LINUX. Exits 1 when they differ.")
    int compare(@Parameters(arity = "0..1", defaultValue = "plain", paramLabel = "VARIANT",
            description = "Variant name (default: ${DEFAULT-VALUE}).") String variant) {
        PrintWriter out = Common.out(spec);
        Common.pipeline(spec).ensurePrerequisites();
        KernelBuilder builder = new KernelBuilder(Project.locate());
        TextComparison c = builder.compareWithPristine(variant, out);
        out.println("kernel " + variant + ", patched and pristine: " + c.summary());
        c.differing().forEach(d -> out.println("  " + d));
        return c.same() ? 0 : 1;
    }

    @Command(name = "check-series", mixinStandardHelpOptions = true,
            description = "Build the series patch by patch (patch 1, 1-2, ..., all) in each variant, in a tree "
                    + "and object directories of their own under build/series: every patch must build on its "
                    + "own. UKL variants link the sample echo server. Steps that built before are not built "
                    + "again. Exits 1 when a patch fails to build.")
    int checkSeries(@Parameters(arity = "0..*", paramLabel = "VARIANT",
            description = "Variants (default: ukl plain).") List<String> variants) {
        PrintWriter out = Common.out(spec);
        Common.pipeline(spec).ensurePrerequisites();
        Project project = Project.locate();
        Path archive = new AppBuilder(project).build(App.load(project.root().resolve("samples/tcp_server")))
                .uklArchive();
        List<SeriesCheck.Step> steps = new SeriesCheck(project, archive)
                .run(variants == null || variants.isEmpty() ? List.of("ukl", "plain") : variants, out);
        long failed = steps.stream().filter(s -> !s.ok()).count();
        out.println("series: " + steps.size() + " builds (patches x variants), " + failed + " failed");
        steps.stream().filter(s -> !s.ok()).forEach(s -> out.println(s.line()));
        return failed == 0 ? 0 : 1;
    }
}
