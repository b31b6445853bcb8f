package dev.ukl.kernel;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.util.BuildLock;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Progress;
import dev.ukl.util.Stamp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Builds a kernel variant out of tree: one object directory per variant, the source tree
 * shared, ccache, a progress bar, the full log in build/logs. Skips everything when the source
 * revision, the config fragments and the extra inputs are what the last good build used.
 */
public final class KernelBuilder {
    private static final Pattern STEP = Pattern.compile("^\\s+(CC|AS|LD|AR|HOSTCC|HOSTLD|OBJCOPY|GEN|UPD)\\s+(\\S.*)$");
    static final int FIRST_BUILD_GUESS = 1500;

    private final Project project;
    private final SourceTree tree;

    public KernelBuilder(Project project) {
        this.project = project;
        this.tree = new SourceTree(project.kernelSource(), new PatchSeries(project.patches()));
    }

    public SourceTree tree() {
        return tree;
    }

    /** The config fragments of a variant: the base, then the variant's own. */
    public List<Path> fragments(String variant) {
        Path own = project.configs().resolve(variant + ".config");
        if (!Files.isRegularFile(own)) {
            throw new UklException("no kernel variant '" + variant + "' (expected " + own + ")");
        }
        return List.of(project.configs().resolve("base.config"), own);
    }

    /** The vmlinux a bzImage that {@link #build} returned was made from (its object directory's). */
    public static Path vmlinuxOf(Path bzImage) {
        // OBJDIR/arch/x86/boot/bzImage -> OBJDIR/vmlinux
        return bzImage.getParent().getParent().getParent().getParent().resolve("vmlinux");
    }

    /** Prepares, configures and builds the variant as needed; returns its bzImage. */
    public Path build(String variant, List<Path> extraInputs, PrintWriter out) {
        // a variant that does not exist is refused before the tree is unpacked
        List<Path> fragments = fragments(variant);
        Path objdir = project.kernelObjects(variant);
        try (BuildLock lock = lock(variant, out)) {
            tree.prepare(out);
            return buildLocked(variant, objdir, fragments, extraInputs, out);
        }
    }

    /**
     * Locks the variant's object directory (and the UKL.a placed in it) against other ukl
     * commands of this checkout for as long as the caller builds or links there.
     */
    public BuildLock lock(String variant, PrintWriter out) {
        Path objdir = project.kernelObjects(variant);
        return BuildLock.acquire(objdir.resolveSibling(objdir.getFileName() + ".lock"),
                "the kernel variant " + variant, out);
    }

    private Path buildLocked(String variant, Path objdir, List<Path> fragments, List<Path> extraInputs,
                             PrintWriter out) {
        Path image = objdir.resolve("arch/x86/boot/bzImage");
        Stamp stampFile = new Stamp(objdir.resolve(".ukl-stamp"));
        Hashing h = new Hashing().add(tree.revision());
        fragments.forEach(h::addFile);
        extraInputs.forEach(h::addFile);
        Path appArchive = objdir.resolve("UKL.a");
        if (Files.exists(appArchive) && !extraInputs.contains(appArchive)) {
            h.addFile(appArchive);
        }
        String inputs = h.hex();
        if (!stampFile.fresh(inputs, image)) {
            configureAndMake(tree.dir(), variant, objdir, fragments, false, null, out);
            stampFile.write(inputs);
        }
        return image;
    }

    /**
     * Merges the fragments into objdir's .config (see {@link ConfigMerger}; {@code absentAllowed}
     * for trees that may not have every option yet) and makes the targets, or bzImage and modules
     * when {@code targets} is null. {@code name} names the logs and the progress bar.
     */
    void configureAndMake(Path source, String name, Path objdir, List<Path> fragments, boolean absentAllowed,
                          List<String> targets, PrintWriter out) {
        new ConfigMerger(source).merge(objdir, fragments,
                project.logs().resolve("kernel-" + name + "-config.log"), absentAllowed);
        make(source, name, objdir, targets != null ? targets : targets(objdir), out);
    }

    /** What a build of a configured object directory makes: bzImage, and the modules if it has any. */
    static List<String> targets(Path objdir) {
        List<String> targets = new ArrayList<>(List.of("bzImage"));
        if ("y".equals(ConfigFragment.readConfig(objdir.resolve(".config")).get("CONFIG_MODULES"))) {
            targets.add("modules");
        }
        return targets;
    }

    /**
     * Builds the variant's configuration from the pristine tree, without the series: its
     * vmlinux, to compare with the patched tree's (see {@link TextComparison}).
     */
    public Path buildPristine(String variant, PrintWriter out) {
        List<Path> fragments = fragments(variant);
        Path source = tree.pristine(out);
        String name = variant + "-pristine";
        // build/pristine/kernel/VARIANT: the same path to its tree as build/kernel/VARIANT to this one
        Path objdir = source.getParent().resolveSibling("kernel").resolve(variant);
        Path vmlinux = objdir.resolve("vmlinux");
        Stamp stampFile = new Stamp(objdir.resolve(".ukl-stamp"));
        Hashing h = new Hashing().add(new dev.ukl.util.Git(source).revParse("HEAD"));
        fragments.forEach(h::addFile);
        String inputs = h.hex();
        if (!stampFile.fresh(inputs, vmlinux)) {
            configureAndMake(source, name, objdir, fragments, false, List.of("vmlinux"), out);
            stampFile.write(inputs);
        }
        return vmlinux;
    }

    /**
     * Builds the variant (which must leave UNIKERNEL_LINUX off) from the patched and from the
     * pristine tree and compares their code.
     */
    public TextComparison compareWithPristine(String variant, PrintWriter out) {
        for (Path f : fragments(variant)) {
            if ("y".equals(ConfigFragment.read(f).options().get("CONFIG_UNIKERNEL_LINUX"))) {
                throw new UklException("kernel variant '" + variant + "' has UNIKERNEL_LINUX on; the pristine "
                        + "tree has no such option to compare with");
            }
        }
        build(variant, List.of(), out);
        Path patched = project.kernelObjects(variant).resolve("vmlinux");
        return TextComparison.of(patched, buildPristine(variant, out));
    }

    /** Runs make for the targets in objdir; {@code variant} names the log and the progress bar. */
    void make(Path source, String variant, Path objdir, List<String> targets, PrintWriter out) {
        Path log = project.logs().resolve("kernel-" + variant + ".log");
        Path stepsFile = objdir.resolve(".ukl-steps");
        int expected = readSteps(stepsFile);
        List<String> cmd = new ArrayList<>(List.of("make", "O=" + objdir, "CC=ccache gcc", "HOSTCC=ccache gcc",
                "-j" + (Runtime.getRuntime().availableProcessors() + 1)));
        cmd.addAll(targets);
        Map<String, String> env = Map.of(
                "CCACHE_BASEDIR", project.root().toString(),
                "CCACHE_NOHASHDIR", "true",
                "KBUILD_BUILD_USER", "ukl",
                "KBUILD_BUILD_HOST", "ukl",
                "KBUILD_BUILD_TIMESTAMP", "2022-10-03");
        Progress bar = new Progress("kernel " + variant, expected);
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>("");
        int rc = Proc.stream(source, cmd, env, log, line -> {
            var m = STEP.matcher(line);
            if (m.matches()) {
                last.set(m.group(2));
                bar.update(steps.incrementAndGet(), m.group(2));
            }
        });
        if (rc != 0) {
            bar.done("failed");
            String clash = symbolClash(log);
            throw new UklException("kernel build of variant '" + variant + "' failed" + (clash == null ? ""
                    : ": " + clash), log, firstErrors(log) + Proc.tail(log, 40));
        }
        bar.done(steps.get() == 0 ? "up to date" : "built (" + steps.get() + " steps)");
        if (steps.get() > 50) {
            write(stepsFile, Integer.toString(steps.get()));
        }
    }

    /** The first compiler and linker errors of a log (with -j they are often far above its tail). */
    static String firstErrors(Path log) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        try {
            for (String l : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                // the linker's own messages too (a failed ASSERT of the linker script says only
                // "ld: MESSAGE"), but not its warnings
                boolean linker = l.startsWith("ld: ") && !l.startsWith("ld: warning:");
                if (l.contains("error:") || l.contains("undefined reference") || l.contains("*** No rule")
                        || linker) {
                    sb.append(l).append('\n');
                    if (++n == 10) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return "";
        }
        return n == 0 ? "" : "--- first errors ---\n" + sb + "--- last lines of the log ---\n";
    }

    private static final java.util.regex.Pattern MULTIPLE = java.util.regex.Pattern.compile(
            "multiple definition of `ukl_([^']+)'");

    /**
     * What a link that failed on a symbol the app's archive and the kernel both define means, or
     * null: every symbol of the app gets the ukl_ prefix, and the kernel's own UKL code names
     * some of its symbols that way too, so an app function called do_syscall becomes the
     * kernel's ukl_do_syscall.
     */
    static String symbolClash(Path log) {
        try {
            for (String l : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                java.util.regex.Matcher m = MULTIPLE.matcher(l);
                if (m.find()) {
                    return "the app defines '" + m.group(1) + "', which becomes 'ukl_" + m.group(1)
                            + "' in the kernel (every app symbol gets the ukl_ prefix), a name the kernel "
                            + "already uses: rename it in the app, or make it static";
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The step count of the last full build, for the progress bar; a guess when there is none. */
    static int readSteps(Path p) {
        try {
            return Math.max(1, Integer.parseInt(Files.readString(p).strip()));
        } catch (IOException | NumberFormatException e) {
            return FIRST_BUILD_GUESS;
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s + "\n");
        } catch (IOException e) {
            // only a progress estimate
        }
    }
}
