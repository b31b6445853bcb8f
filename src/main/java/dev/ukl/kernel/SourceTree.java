package dev.ukl.kernel;

import dev.ukl.UklException;
import dev.ukl.util.Git;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel source tree under build/: Debian's linux-source-6.1 unpacked once, made a git
 * repository whose first commit is the pristine tree, with the project's patch series applied.
 * The series in kernel/patches/ is the truth; this tree is scratch, but never thrown away while
 * it holds work that has not been exported.
 */
public final class SourceTree {
    /** Tag on the pristine commit. */
    public static final String PRISTINE = "ukl-pristine";
    /** Tag on the commit the series was last applied or exported at. */
    public static final String APPLIED = "ukl-applied";
    /** The cover letter of the exported series, beside kernel/patches. */
    static final String COVER_LETTER = "cover-letter.txt";
    public static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");

    private final Path dir;
    private final PatchSeries series;
    private final Path tarball;
    private final Git git;

    public SourceTree(Path dir, PatchSeries series) {
        this(dir, series, TARBALL);
    }

    public SourceTree(Path dir, PatchSeries series, Path tarball) {
        this.dir = dir;
        this.series = series;
        this.tarball = tarball;
        this.git = new Git(dir);
    }

    public Path dir() {
        return dir;
    }

    /** How the tree relates to the series. */
    public enum State {
        MISSING("no kernel tree yet"),
        CURRENT("the tree matches kernel/patches"),
        STALE("kernel/patches changed; the tree will be re-prepared"),
        UNCOMMITTED("the tree has uncommitted edits"),
        UNEXPORTED("the tree has commits that are not in kernel/patches");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public State state() {
        if (!Files.isDirectory(dir.resolve(".git")) || git.revParse(PRISTINE) == null) {
            return State.MISSING;
        }
        if (!git.status().isEmpty()) {
            return State.UNCOMMITTED;
        }
        String head = git.revParse("HEAD");
        String applied = git.revParse(APPLIED);
        if (applied == null || !applied.equals(head)) {
            return State.UNEXPORTED;
        }
        return series.digest().equals(appliedDigest()) ? State.CURRENT : State.STALE;
    }

    /** One commit of the series in the tree. */
    public record Commit(String hash, String subject) {
        /** The hash as git abbreviates it in a listing. */
        public String shortHash() {
            return hash.substring(0, Math.min(12, hash.length()));
        }

        @Override
        public String toString() {
            return shortHash() + " " + subject;
        }
    }

    /** Commits on top of the pristine tree, oldest first. */
    public List<Commit> commits() {
        String log = git.run("log", "--reverse", "--format=%H %s", PRISTINE + "..HEAD").strip();
        List<Commit> list = new ArrayList<>();
        for (String l : log.isEmpty() ? new String[0] : log.split("\n")) {
            String[] f = l.split(" ", 2);
            list.add(new Commit(f[0], f.length > 1 ? f[1] : ""));
        }
        return list;
    }

    /** Makes the tree match the series, unpacking it first if needed. Refuses to destroy work. */
    public void prepare(PrintWriter out) {
        State s = state();
        switch (s) {
            case CURRENT -> {
                return;
            }
            case UNCOMMITTED, UNEXPORTED -> throw new UklException(s.text() + " (" + dir
                    + "); commit them and run './ukl kernel export' to keep them in kernel/patches, "
                    + "or discard them with 'git -C " + dir + " reset --hard " + APPLIED + "'");
            case MISSING -> unpack(out);
            case STALE -> {
                out.println("kernel: kernel/patches changed, re-applying the series");
                git.run("reset", "-q", "--hard", PRISTINE);
            }
            default -> throw new IllegalStateException(s.toString());
        }
        applySeries(out);
    }

    private void unpack(PrintWriter out) {
        if (!Files.isRegularFile(tarball)) {
            throw new UklException("kernel source " + tarball + " not found; install it with: apt-get install -y linux-source-6.1");
        }
        try {
            if (Files.exists(dir)) {
                if (Files.exists(dir.resolve(".git"))) {
                    throw new UklException(dir + " is a git tree without the " + PRISTINE + " tag; move it away to re-create it");
                }
                dev.ukl.util.FileTrees.delete(dir);
            }
            Path tmp = dir.resolveSibling(dir.getFileName() + ".unpacking");
            dev.ukl.util.FileTrees.delete(tmp);
            Files.createDirectories(tmp);
            out.println("kernel: unpacking " + tarball.getFileName() + " (once)");
            Proc.Result r = Proc.run(tmp, List.of("tar", "-xJf", tarball.toString(), "--strip-components=1"));
            if (!r.ok()) {
                throw new UklException("unpacking " + tarball + " failed", null, r.output());
            }
            dropDebianIgnoreAll(tmp.resolve(".gitignore"));
            Git g = new Git(tmp);
            g.run("init", "-q");
            out.println("kernel: recording the pristine tree in git (once)");
            g.run("add", "-A");
            g.run("commit", "-q", "--no-verify", "-m", "Linux 6.1 from Debian linux-source-6.1 (pristine)");
            g.run("tag", PRISTINE);
            g.run("tag", APPLIED);
            Files.move(tmp, dir);
        } catch (IOException e) {
            throw new UklException("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Debian's top-level .gitignore ignores every top-level entry (its packaging repository
     * holds only debian/). In our tree that would hide new files, so the rule is dropped.
     */
    static void dropDebianIgnoreAll(Path gitignore) throws IOException {
        if (!Files.exists(gitignore)) {
            return;
        }
        List<String> lines = Files.readAllLines(gitignore);
        List<String> kept = new ArrayList<>();
        for (String l : lines) {
            if (l.equals("/*") || l.equals("!/debian/")) {
                continue;
            }
            kept.add(l);
        }
        Files.write(gitignore, kept);
    }

    private void applySeries(PrintWriter out) {
        List<Path> patches = series.patches();
        for (Path p : patches) {
            Proc.Result r = git.tryRun("am", "-q", "--3way", "--keep-cr", p.toAbsolutePath().toString());
            if (!r.ok()) {
                git.tryRun("am", "--abort");
                git.run("reset", "-q", "--hard", PRISTINE);
                throw new UklException("patch " + p.getFileName() + " does not apply", null, r.output().strip());
            }
        }
        git.run("tag", "-f", APPLIED);
        writeAppliedDigest(series.digest());
        if (!patches.isEmpty()) {
            out.println("kernel: applied " + patches.size() + " patch(es) from " + series.dir());
        }
    }

    /** Writes the tree's commits since the pristine tree to kernel/patches and its series file. */
    public List<Path> export(PrintWriter out) {
        State s = state();
        if (s == State.MISSING) {
            throw new UklException("no kernel tree to export; run './ukl kernel prepare' first");
        }
        if (s == State.UNCOMMITTED) {
            throw new UklException("the kernel tree has uncommitted edits; commit them first (git -C " + dir + " commit)");
        }
        try {
            Files.createDirectories(series.dir());
            try (Stream<Path> old = Files.list(series.dir())) {
                for (Path p : old.filter(p -> p.toString().endsWith(".patch")).toList()) {
                    Files.delete(p);
                }
            }
            // MAINTAINERS first, so checkpatch sees new files covered by the entry they add.
            Path order = dir.resolve(".git/ukl-orderfile");
            Files.writeString(order, "MAINTAINERS\n*\n");
            List<String> args = new ArrayList<>(List.of("format-patch", "--zero-commit", "--no-signature",
                    "--numbered", "-O" + order, "-o", series.dir().toAbsolutePath().toString()));
            // The cover letter's subject and text are kernel/cover-letter.txt, through the branch description.
            Path cover = series.dir().resolveSibling(COVER_LETTER);
            if (Files.isRegularFile(cover)) {
                String branch = git.run("symbolic-ref", "--short", "HEAD").strip();
                git.run("config", "branch." + branch + ".description", Files.readString(cover).strip());
                args.addAll(List.of("--cover-letter", "--cover-from-description=subject"));
            }
            args.add(PRISTINE + "..HEAD");
            String names = git.run(args.toArray(String[]::new));
            List<Path> files = new ArrayList<>();
            StringBuilder seriesText = new StringBuilder();
            for (String n : names.strip().split("\n")) {
                if (n.isBlank() || Path.of(n.strip()).getFileName().toString().startsWith("0000-")) {
                    continue;
                }
                Path f = Path.of(n.strip());
                files.add(f);
                seriesText.append(f.getFileName()).append('\n');
            }
            Files.writeString(series.dir().resolve("series"), seriesText.toString());
            if (!files.isEmpty()) {
                signLikeTheSeries(series.dir().resolve("0000-cover-letter.patch"), files.get(0));
            }
            git.run("tag", "-f", APPLIED);
            writeAppliedDigest(series.digest());
            out.println("kernel: exported " + files.size() + " patch(es) to " + series.dir());
            return files;
        } catch (IOException e) {
            throw new UklException("cannot export to " + series.dir() + ": " + e.getMessage());
        }
    }

    /**
     * The cover letter git writes carries the exporter's identity and the time of the export; give
     * it the first patch's From and Date instead, so an unchanged series exports the same bytes.
     */
    static void signLikeTheSeries(Path cover, Path firstPatch) throws IOException {
        if (!Files.exists(cover)) {
            return;
        }
        List<String> first = Files.readAllLines(firstPatch);
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(cover);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String header = line.startsWith("From: ") ? "From: " : line.startsWith("Date: ") ? "Date: " : null;
            if (header == null) {
                out.add(line);
                continue;
            }
            while (i + 1 < lines.size() && lines.get(i + 1).startsWith(" ")) {
                i++;
            }
            out.addAll(headerField(first, header));
        }
        Files.write(cover, out);
    }

    /** A mail header field with its folded continuation lines. */
    private static List<String> headerField(List<String> mail, String name) {
        List<String> field = new ArrayList<>();
        for (int i = 0; i < mail.size() && field.isEmpty(); i++) {
            if (mail.get(i).startsWith(name)) {
                field.add(mail.get(i));
                while (i + 1 < mail.size() && mail.get(i + 1).startsWith(" ")) {
                    field.add(mail.get(++i));
                }
            }
        }
        return field;
    }

    /**
     * A checkout of the pristine tree (no patch of the series), as a git worktree: what a kernel
     * without the series is built from. It sits in build/pristine/src under the same name, so
     * that a build in build/pristine/kernel reaches it by the same relative path as this tree's
     * builds reach this one, and both kernels' __FILE__ strings are the same. Made once; remade
     * if it is not at the pristine commit or has edits.
     */
    public Path pristine(PrintWriter out) {
        prepare(out);
        return worktree("pristine", PRISTINE, false, "the pristine tree", out);
    }

    /**
     * A checkout of one commit of the series (see {@link #commits()}) in build/series/src,
     * made once as a git worktree and moved from commit to commit: where each patch is built
     * on its own. Same relative layout as {@link #pristine}.
     */
    public Path seriesCheckout(String commit, PrintWriter out) {
        Path p = worktree("series", commit, true, "a tree for building the series patch by patch", out);
        Git there = new Git(p);
        if (!commit.equals(there.revParse("HEAD"))) {
            there.run("checkout", "-q", "--detach", commit);
        }
        return p;
    }

    /**
     * A git worktree of this tree at build/NAME/src/TREE, at {@code rev}: reused when it exists
     * without edits and, unless it is {@code movable} (the caller moves it to rev), at rev; made
     * again otherwise.
     */
    private Path worktree(String name, String rev, boolean movable, String what, PrintWriter out) {
        Path p = dir.getParent().resolveSibling(name).resolve("src").resolve(dir.getFileName());
        String want = git.revParse(rev);
        if (Files.exists(p.resolve(".git"))) {
            Git there = new Git(p);
            if (there.status().isEmpty() && (movable || want.equals(there.revParse("HEAD")))) {
                return p;
            }
            git.run("worktree", "remove", "--force", p.toString());
        }
        out.println("kernel: checking out " + what + " beside " + dir.getFileName() + " (once)");
        out.flush();
        git.run("worktree", "prune");
        try {
            Files.createDirectories(p.getParent());
        } catch (java.io.IOException e) {
            throw new UklException("cannot create " + p.getParent() + ": " + e.getMessage(), e);
        }
        git.run("worktree", "add", "-q", "--detach", p.toString(), want);
        return p;
    }

    /** The commit the tree is at, plus whether it has edits: what a build of it depends on. */
    public String revision() {
        String head = git.revParse("HEAD");
        String st = git.status();
        return st.isEmpty() ? head : head + "+dirty:" + new dev.ukl.util.Hashing().add(st)
                .add(git.run("diff", "HEAD")).hex();
    }

    private Path digestFile() {
        return dir.resolve(".git/ukl-series-digest");
    }

    private String appliedDigest() {
        try {
            return Files.exists(digestFile()) ? Files.readString(digestFile()).strip() : new PatchSeries(
                    dir.resolve(".git/no-series")).digest();
        } catch (IOException e) {
            return "";
        }
    }

    private void writeAppliedDigest(String d) {
        try {
            Files.writeString(digestFile(), d + "\n");
        } catch (IOException e) {
            throw new UklException("cannot write " + digestFile() + ": " + e.getMessage());
        }
    }

}
