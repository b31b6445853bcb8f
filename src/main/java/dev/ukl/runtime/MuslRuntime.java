package dev.ukl.runtime;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.util.BuildLock;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UKL C runtime: musl 1.2.3 from Debian's source package with the project's patch
 * ({@code runtime/musl/ukl.patch}), compiled with the kernel code model, static only, and
 * installed under {@code build/runtime/ukl} (headers, libc.a, crt1.o). Rebuilt only when the
 * patch or the flags change.
 */
public final class MuslRuntime {
    /** How every object of the runtime and of UKL apps is compiled. */
    public static final List<String> UKL_CFLAGS = List.of("-fno-PIC", "-mcmodel=kernel", "-mno-red-zone",
            "-fno-asynchronous-unwind-tables", "-fno-unwind-tables");
    /** Only these crt files: Scrt1.o and rcrt1.o are position independent, which the kernel model is not. */
    static final String CRT_LIBS = "CRT_LIBS=lib/crt1.o lib/crti.o lib/crtn.o";
    private static final int OBJECTS_GUESS = 1700;

    private final Project project;
    private List<String> gccPathLines;

    public MuslRuntime(Project project) {
        this.project = project;
    }

    public Path prefix() {
        return project.build().resolve("runtime/ukl");
    }

    public Path include() {
        return prefix().resolve("include");
    }

    public Path lib() {
        return prefix().resolve("lib");
    }

    public Path patch() {
        return project.root().resolve("runtime/musl/ukl.patch");
    }

    /** What the installed runtime is built from: apps linked against it depend on this too. */
    public String stamp() {
        return new Hashing().addFile(patch()).add(String.join(" ", UKL_CFLAGS)).add(CRT_LIBS).hex();
    }

    /**
     * Whether the installed runtime matches the patch and flags, and the gcc it was built with is
     * still there: Debian keeps gcc's headers and libgcc under a directory named for the major
     * version, so a new gcc major takes the recorded paths away and the runtime is rebuilt.
     */
    public boolean upToDate() {
        try {
            if (!new dev.ukl.util.Stamp(prefix().resolve(".ukl-stamp")).fresh(stamp(), lib().resolve("libc.a"))) {
                return false;
            }
            List<String> gcc = gccPathLines();
            return gcc.size() >= 2 && gcc.stream().limit(2).allMatch(p -> Files.exists(Path.of(p)));
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    /** Builds the runtime if it is missing or stale; returns its prefix. */
    public Path ensure(PrintWriter out) {
        if (upToDate()) {
            return prefix();
        }
        // several `ukl cc` of one make, or two commands, may find it stale at once: one builds it
        try (BuildLock lock = BuildLock.acquire(project.build().resolve("runtime.lock"), "the C runtime", out)) {
            if (upToDate()) {
                return prefix();
            }
            return build(out);
        }
    }

    private Path build(PrintWriter out) {
        Path runtime = project.build().resolve("runtime");
        Path pristine = new DebianSource(runtime.resolve("debian"), project.logs()).unpacked("musl", "musl-", out);
        Path src = runtime.resolve("musl-src");
        Path obj = runtime.resolve("musl-obj");
        Path log = project.logs().resolve("runtime-musl.log");
        delete(src);
        delete(obj);
        delete(prefix());
        run(List.of("cp", "-a", pristine.toString(), src.toString()), null, log, "copying the musl source failed");
        // a git repository whose first commit is the pristine source: 'git diff' there is the patch
        run(List.of("git", "init", "-q"), src, log, "git init failed");
        run(List.of("git", "add", "-A"), src, log, "git add failed");
        run(List.of("git", "-c", "user.name=ukl", "-c", "user.email=ukl@localhost", "commit", "-q", "-m",
                pristine.getFileName() + " from Debian's source package"), src, log, "git commit failed");
        run(List.of("git", "apply", "--whitespace=nowarn", patch().toString()), src, log,
                "the UKL patch does not apply to " + pristine.getFileName());
        try {
            Files.createDirectories(obj);
        } catch (IOException e) {
            throw new UklException("cannot create " + obj + ": " + e.getMessage());
        }
        run(List.of(src.resolve("configure").toString(), "--prefix=" + prefix(), "--disable-shared",
                "CFLAGS=" + String.join(" ", UKL_CFLAGS)), obj, log, "configuring musl failed");
        Progress bar = new Progress("runtime musl", OBJECTS_GUESS);
        AtomicInteger n = new AtomicInteger();
        List<String> make = new ArrayList<>(List.of("make", "-j" + (Runtime.getRuntime().availableProcessors() + 1),
                CRT_LIBS));
        Path makeLog = project.logs().resolve("runtime-musl-make.log");
        int rc = Proc.stream(obj, make, Map.of(), makeLog, line -> {
            if (line.contains(" -c -o obj/")) {
                bar.update(n.incrementAndGet(), line.substring(line.indexOf(" -c -o obj/") + 11).split(" ")[0]);
            }
        });
        if (rc != 0) {
            bar.done("failed");
            throw new UklException("building musl failed", makeLog, Proc.tail(makeLog, 30));
        }
        bar.done("built (" + n.get() + " objects)");
        run(List.of("make", CRT_LIBS, "install"), obj, log, "installing musl failed");
        // gcc's own headers (intrinsics) and libgcc, asked once here rather than on every compile
        String include = Proc.run(null, List.of("gcc", "-print-file-name=include")).output().strip();
        String libgcc = Proc.run(null, List.of("gcc", "-print-libgcc-file-name")).output().strip();
        try {
            gccPathLines = List.of(include, libgcc);
            Files.write(gccPaths(), gccPathLines);
        } catch (IOException e) {
            throw new UklException("cannot write " + gccPaths() + ": " + e.getMessage(), e);
        }
        new dev.ukl.util.Stamp(prefix().resolve(".ukl-stamp")).write(stamp());
        return prefix();
    }

    private Path gccPaths() {
        return prefix().resolve("gcc.paths");
    }

    /** The lines of gcc.paths, read once: the up-to-date check and each compile ask for them. */
    private List<String> gccPathLines() throws IOException {
        if (gccPathLines == null) {
            gccPathLines = Files.readAllLines(gccPaths());
        }
        return gccPathLines;
    }

    /** gcc's include directory (intrinsics headers), as the runtime was built with. */
    public String gccInclude() {
        return gccPath(0);
    }

    /** libgcc.a of the gcc the runtime was built with. */
    public String libgcc() {
        return gccPath(1);
    }

    private String gccPath(int line) {
        try {
            return gccPathLines().get(line);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new UklException("the UKL runtime is incomplete (" + gccPaths() + "); rebuild it: ukl runtime --rebuild");
        }
    }

    private static void run(List<String> cmd, Path dir, Path log, String message) {
        Proc.checked(dir, cmd, log, message);
    }

    private static void delete(Path p) {
        if (Files.exists(p)) {
            Proc.Result r = Proc.run(null, List.of("rm", "-rf", p.toString()));
            if (!r.ok()) {
                throw new UklException("cannot remove " + p + ": " + r.output().strip());
            }
        }
    }
}
