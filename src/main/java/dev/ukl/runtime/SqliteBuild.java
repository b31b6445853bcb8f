package dev.ukl.runtime;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Stamp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SQLite shell from Debian's sqlite3 source package, unchanged, built by its own configure
 * and Makefile in both forms: a static musl program (CC="ukl cc --userspace") and the UKL app
 * archive (the same configured tree, make CC="ukl cc").
 */
public final class SqliteBuild {
    /** What configure is told: no shared library, and nothing the static guest does not have. */
    static final List<String> CONFIGURE = List.of("--disable-shared", "--enable-static", "--disable-readline",
            "--disable-tcl", "--disable-load-extension");

    /** The two forms of the shell. */
    public record Built(Path userProgram, Path uklArchive) {
    }

    private final Project project;

    public SqliteBuild(Project project) {
        this.project = project;
    }

    public Built ensure(PrintWriter out) {
        MuslRuntime runtime = new MuslRuntime(project);
        runtime.ensure(out);
        Path work = project.build().resolve("sqlite");
        Path user = work.resolve("user");
        Path ukl = work.resolve("ukl");
        Built built = new Built(user.resolve("sqlite3"), ukl.resolve("sqlite3"));
        String stamp = new Hashing().addFile(runtime.lib().resolve("libc.a")).add(String.join(" ", CONFIGURE)).hex();
        Stamp stampFile = new Stamp(work.resolve(".ukl-stamp"));
        if (stampFile.fresh(stamp, built.userProgram(), built.uklArchive())) {
            return built;
        }
        Path pristine = new DebianSource(project.build().resolve("runtime/debian"), project.logs())
                .unpacked("sqlite3", "sqlite3-", out);
        Path log = project.logs().resolve("sqlite.log");
        String cc = project.root().resolve("ukl") + " cc";
        sh(null, log, "rm -rf '" + work + "' && mkdir -p '" + work + "' && cp -a '" + pristine + "' '" + user + "'");
        out.println("sqlite3: configuring " + pristine.getFileName() + " (static musl program)");
        out.flush();
        sh(user, log, "./configure CC='" + cc + " --userspace' " + String.join(" ", CONFIGURE));
        out.println("sqlite3: building the shell as a static musl program");
        out.flush();
        sh(user, log, "make -j" + jobs() + " sqlite3");
        out.println("sqlite3: building the shell as the UKL app (make CC=\"ukl cc\")");
        out.flush();
        sh(null, log, "cp -a '" + user + "' '" + ukl + "' && cd '" + ukl + "' && rm -rf .libs *.lo *.o libsqlite3.la sqlite3");
        sh(ukl, log, "make -j" + jobs() + " sqlite3 CC='" + cc + "'");
        stampFile.write(stamp);
        return built;
    }

    /** What makes the position-dependent control: gcc's flags for code and link. */
    static final String NO_PIE_FLAGS = "-fno-pie -no-pie";

    /**
     * The shell once more as a static musl program, compiled and linked as position-dependent code
     * ({@value #NO_PIE_FLAGS}), where Debian's gcc makes position-independent code by default:
     * the UKL build's code model in a user program, a control for what that model saves. Made from
     * the configured user tree, in {@code build/sqlite/user-nopie}, when first asked for.
     */
    public Path ensureNoPie(PrintWriter out) {
        Built built = ensure(out);
        Path user = built.userProgram().getParent();
        Path dir = user.resolveSibling("user-nopie");
        Path program = dir.resolve("sqlite3");
        String hash = new Hashing().addFile(built.userProgram()).add(NO_PIE_FLAGS).hex();
        Stamp stampFile = new Stamp(user.resolveSibling(".ukl-stamp-nopie"));
        if (stampFile.fresh(hash, program)) {
            return program;
        }
        Path log = project.logs().resolve("sqlite-nopie.log");
        String cc = project.root().resolve("ukl") + " cc --userspace " + NO_PIE_FLAGS;
        out.println("sqlite3: building the shell as a position-dependent static musl program (" + NO_PIE_FLAGS + ")");
        out.flush();
        sh(null, log, "rm -rf '" + dir + "' && cp -a '" + user + "' '" + dir + "' && cd '" + dir
                + "' && rm -rf .libs *.lo *.o libsqlite3.la sqlite3");
        sh(dir, log, "make -j" + jobs() + " sqlite3 CC='" + cc + "'");
        stampFile.write(hash);
        return program;
    }

    private static int jobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static void sh(Path dir, Path log, String script) {
        Proc.checked(dir, List.of("sh", "-c", script), log, "building the SQLite shell failed: " + script);
    }
}
