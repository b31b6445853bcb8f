package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.util.Hashing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the series patch by patch, as a reviewer bisecting it would: every prefix (patch 1,
 * patches 1-2, ..., all) in each variant, in a worktree and object directories of their own
 * under build/series, so the main tree and its builds are left alone. A step that built is
 * remembered (build/series/built: commit, variant, inputs), so a later run builds only what
 * changed; a rebase that rewrites a patch rewrites every commit after it, which are then built
 * again.
 */
public final class SeriesCheck {
    /** One patch built in one variant: its number in the series, 1-based. */
    public record Step(int number, String commit, String subject, String variant, boolean ok, boolean cached,
                       Path log, String error) {
        public String line() {
            return String.format("%02d %-6s %s%s  %s", number, variant, ok ? "ok" : "FAILED",
                    cached ? " (built before)" : "", subject) + (ok ? "" : "\n     " + error + " (log: " + log + ")");
        }
    }

    private final Project project;
    private final KernelBuilder builder;
    private final Path archive;

    /** {@code archive}: the app archive linked into variants that have UNIKERNEL_LINUX. */
    public SeriesCheck(Project project, Path archive) {
        this.project = project;
        this.builder = new KernelBuilder(project);
        this.archive = archive;
    }

    /** Builds every patch of the series in each variant, oldest first; a failure does not stop it. */
    public List<Step> run(List<String> variants, PrintWriter out) {
        SourceTree tree = builder.tree();
        tree.prepare(out);
        if (tree.state() != SourceTree.State.CURRENT) {
            throw new UklException("the kernel tree is not what kernel/patches holds (" + tree.state().text()
                    + "); export or commit first");
        }
        List<SourceTree.Commit> commits = tree.commits();
        Path record = project.build().resolve("series/built");
        List<String> built = readRecord(record);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            String commit = commits.get(i).hash();
            String subject = commits.get(i).subject();
            for (String variant : variants) {
                List<Path> fragments = builder.fragments(variant);
                Hashing inputs = new Hashing();
                fragments.forEach(inputs::addFile);
                boolean ukl = fragments.stream().anyMatch(f -> "y".equals(
                        ConfigFragment.read(f).options().get("CONFIG_UNIKERNEL_LINUX")));
                if (ukl) {
                    inputs.addFile(archive);
                }
                String key = commit + " " + variant + " " + inputs.hex();
                String name = String.format("series-%02d-%s", i + 1, variant);
                Path log = project.logs().resolve("kernel-" + name + ".log");
                if (built.contains(key)) {
                    steps.add(new Step(i + 1, commit, subject, variant, true, true, log, ""));
                    out.println(steps.get(steps.size() - 1).line());
                    continue;
                }
                out.printf("series: patch %d of %d in %s: %s%n", i + 1, commits.size(), variant, subject);
                out.flush();
                Step step;
                try {
                    Path source = tree.seriesCheckout(commit, out);
                    Path objdir = project.build().resolve("series/kernel").resolve(variant);
                    if (ukl) {
                        Files.createDirectories(objdir);
                        Files.copy(archive, objdir.resolve("UKL.a"), StandardCopyOption.REPLACE_EXISTING);
                    }
                    builder.configureAndMake(source, name, objdir, fragments, true, null, out);
                    append(record, key);
                    step = new Step(i + 1, commit, subject, variant, true, false, log, "");
                } catch (UklException e) {
                    step = new Step(i + 1, commit, subject, variant, false, false,
                            e.log() != null ? e.log() : log, e.getMessage());
                } catch (IOException e) {
                    step = new Step(i + 1, commit, subject, variant, false, false, log, e.getMessage());
                }
                steps.add(step);
                out.println(step.line());
                out.flush();
            }
        }
        return steps;
    }

    private static List<String> readRecord(Path record) {
        try {
            return Files.exists(record) ? Files.readAllLines(record) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void append(Path record, String key) {
        try {
            Files.createDirectories(record.getParent());
            Files.writeString(record, key + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UklException("cannot write " + record + ": " + e.getMessage(), e);
        }
    }
}
