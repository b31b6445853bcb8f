package dev.ukl.app;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import dev.ukl.util.Stamp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An app laid out like the seed's sample: its own Makefile builds {@code UKL.a} and, with the
 * {@code userspace} target, the user program. It is built in a copy under build/, so the
 * user's directory stays clean; make itself decides what is out of date. Make runs with
 * {@code UKL} set to the ukl command, for {@code CC="$(UKL) cc"}.
 */
final class MakefileApp {
    private final Path buildRoot;
    private final Path uklCommand;
    private final String runtimeStamp;

    /** {@code runtimeStamp}: what the UKL runtime is built from (an archive made before it changed is stale). */
    MakefileApp(Path buildRoot, Path uklCommand, String runtimeStamp) {
        this.buildRoot = buildRoot;
        this.uklCommand = uklCommand;
        this.runtimeStamp = runtimeStamp;
    }

    AppBuilder.Built build(App app) {
        Path work = buildRoot.resolve(app.name()).resolve("src");
        Path log = buildRoot.resolve(app.name()).resolve("build.log");
        sync(app.dir(), work);
        // make cannot see the runtime behind ukl cc: an archive linked against another one goes
        Stamp linked = Stamp.beside(work.resolve("UKL.a"));
        if (!linked.fresh(runtimeStamp, work.resolve("UKL.a"))) {
            try {
                Files.deleteIfExists(work.resolve("UKL.a"));
            } catch (IOException e) {
                throw new UklException("cannot remove the stale " + work.resolve("UKL.a") + ": " + e.getMessage());
            }
        }
        make(work, "UKL.a", log, app);
        Path archive = work.resolve("UKL.a");
        if (!Files.isRegularFile(archive)) {
            throw new UklException("make UKL.a in " + app.dir() + " did not produce UKL.a", log);
        }
        linked.write(runtimeStamp);
        // The userspace target's program: the executable it wrote (or left up to date) last.
        Path user = make(work, "userspace", log, null) ? newestExecutable(work) : null;
        return new AppBuilder.Built(app, user, archive);
    }

    /** Runs make; a failure is an error when {@code required} names the app, else just false. */
    private boolean make(Path dir, String target, Path log, App required) {
        // UKL names the ukl command, so a Makefile can say CC="$(UKL) cc"
        // as many jobs as CPUs: every compile of a big app (Redis) starts a JVM for ukl cc
        Proc.Result r = Proc.run(dir, List.of("make", "-j" + Runtime.getRuntime().availableProcessors(), target),
                java.util.Map.of("UKL", uklCommand.toString()));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ make -j " + target + "\n" + r.output(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience
        }
        if (!r.ok() && required != null) {
            throw new UklException("app " + required.name() + ": make " + target + " failed", log, r.output().strip());
        }
        return r.ok();
    }

    /** Copies new or changed files, keeping times, so make sees real changes only. */
    private static void sync(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : walk.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else if (!Files.exists(dst) || Files.getLastModifiedTime(dst).compareTo(Files.getLastModifiedTime(src)) != 0
                        || Files.size(dst) != Files.size(src)) {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UklException("cannot copy " + from + " to " + to + ": " + e.getMessage());
        }
    }

    private static Path newestExecutable(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(Files::isExecutable)
                    .max(Comparator.comparing(MakefileApp::modified)).orElse(null);
        } catch (IOException e) {
            throw new UklException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
