package dev.ukl.app;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.runtime.UklCc;
import dev.ukl.util.BuildLock;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an app both ways from the same sources: a static user program, and a UKL archive
 * ({@code UKL.a}) compiled with the kernel code model and renamed with the ukl_ prefix.
 * A form whose inputs did not change is not rebuilt.
 */
public final class AppBuilder {
    private final Project project;
    private final Path buildRoot;

    /** Builds into the project's build/apps/. */
    public AppBuilder(Project project) {
        this(project, project.apps());
    }

    /** Builds into {@code buildRoot}, with the project's runtime and ukl command. */
    public AppBuilder(Project project, Path buildRoot) {
        this.project = project;
        this.buildRoot = buildRoot;
    }

    /** What a build produced; {@code userProgram} is null for a prebuilt archive. */
    public record Built(App app, Path userProgram, Path uklArchive) {
        /** The user program, or a clear error when the app has none. */
        public Path requireUserProgram() {
            if (userProgram == null) {
                throw new UklException("app " + app.name() + " is a prebuilt UKL archive: it has no user-program form");
            }
            return userProgram;
        }
    }

    public Built build(App app) {
        if (app.kind() == App.Kind.ARCHIVE) {
            return new Built(app, null, app.dir());
        }
        // two commands building the same app would write the same directory
        try (BuildLock lock = BuildLock.acquire(buildRoot.resolve(app.name() + ".lock"), "the app " + app.name(),
                new java.io.PrintWriter(System.err, true))) {
            return buildLocked(app);
        }
    }

    private Built buildLocked(App app) {
        return switch (app.kind()) {
            case SOURCES -> buildSources(app);
            case MAKEFILE -> new MakefileApp(buildRoot, project.root().resolve("ukl"),
                    new dev.ukl.runtime.MuslRuntime(project).stamp()).build(app);
            case ARCHIVE -> new Built(app, null, app.dir());
            case JAVA -> new JavaApp(project, buildRoot).build(app);
        };
    }

    private Built buildSources(App app) {
        Path dir = buildRoot.resolve(app.name());
        Path user = dir.resolve("user").resolve(app.name());
        Path archive = dir.resolve("ukl").resolve("UKL.a");
        Compiler cc = new Compiler(dir.resolve("build.log"));
        try {
            Files.createDirectories(user.getParent());
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(dir.resolve("build.log"));
        } catch (IOException e) {
            throw new UklException("cannot create " + dir + ": " + e.getMessage());
        }
        List<Path> headers = dependencies(app);
        if (app.musl()) {
            return buildWithMusl(app, headers, user, archive, dir.resolve("build.log"));
        }
        String userStamp = stamp(app, headers, "user " + String.join(" ", app.ldflags()), Compiler.COMMON_FLAGS);
        if (!upToDate(user, userStamp)) {
            List<String> flags = new ArrayList<>(app.cflags());
            flags.addAll(app.ldflags());
            cc.userProgram(app.sources(), flags, user, "app " + app.name() + " (user program)");
            writeStamp(user, userStamp);
        }
        String uklStamp = stamp(app, headers, "ukl", Compiler.UKL_FLAGS);
        if (!upToDate(archive, uklStamp)) {
            List<Path> objects = new ArrayList<>();
            for (Path src : app.sources()) {
                String base = src.getFileName().toString().replaceAll("\\.[cS]$", "");
                Path obj = archive.resolveSibling(base + ".o");
                List<String> flags = new ArrayList<>(Compiler.UKL_FLAGS);
                flags.addAll(app.cflags());
                cc.object(src, flags, obj, "app " + app.name() + " (UKL form)");
                objects.add(obj);
            }
            cc.uklArchive(objects, archive);
            writeStamp(archive, uklStamp);
        }
        return new Built(app, user, archive);
    }

    /**
     * Sources that use the C library: {@code ukl cc} builds both forms, the user program as a
     * static musl program and the app archive against the UKL runtime.
     */
    private Built buildWithMusl(App app, List<Path> headers, Path user, Path archive, Path log) {
        String[][] forms = {{"user", user.toString()}, {"ukl", archive.toString()}};
        for (String[] form : forms) {
            boolean userspace = form[0].equals("user");
            Path out = Path.of(form[1]);
            List<String> flags = new ArrayList<>(Compiler.COMMON_FLAGS);
            flags.addAll(app.cflags());
            // the app archive links the UKL runtime: a changed runtime relinks it
            String stamp = stamp(app, headers, "musl " + form[0] + " " + String.join(" ", app.ldflags())
                    + (userspace ? "" : " runtime " + new dev.ukl.runtime.MuslRuntime(project).stamp()), flags);
            if (upToDate(out, stamp)) {
                continue;
            }
            List<String> args = new ArrayList<>(flags);
            app.sources().forEach(src -> args.add(src.toString()));
            if (userspace) {
                args.addAll(app.ldflags());
            }
            args.addAll(List.of("-o", out.toString()));
            java.io.StringWriter messages = new java.io.StringWriter();
            int rc;
            try (java.io.PrintWriter err = new java.io.PrintWriter(messages, true)) {
                rc = UklCc.capturing(project, err).run(args, userspace);
            }
            try {
                Files.writeString(log, "$ ukl cc " + (userspace ? "--userspace " : "") + String.join(" ", args)
                        + "\n" + messages, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the log is a convenience
            }
            if (rc != 0) {
                throw new UklException("app " + app.name() + " (" + (userspace ? "user program" : "UKL form")
                        + ") does not build with ukl cc", log, messages.toString().strip());
            }
            writeStamp(out, stamp);
        }
        return new Built(app, user, archive);
    }

    private static String stamp(App app, List<Path> headers, String form, List<String> flags) {
        Hashing h = new Hashing().add(form).add(String.join(" ", flags)).add(String.join(" ", app.cflags()));
        app.sources().forEach(h::addFile);
        headers.forEach(h::addFile);
        return h.hex();
    }

    /** The headers the sources include, outside the system's, as gcc -MM lists them. */
    private static List<Path> dependencies(App app) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-MM"));
        cmd.addAll(app.cflags());
        app.sources().forEach(src -> cmd.add(src.toString()));
        Proc.Result r = Proc.run(app.dir(), cmd);
        List<Path> deps = new ArrayList<>();
        if (!r.ok()) {
            return deps;
        }
        for (String word : r.output().replace("\\\n", " ").split("\\s+")) {
            if (word.endsWith(".h")) {
                Path p = app.dir().resolve(word).normalize();
                if (Files.isRegularFile(p) && !deps.contains(p)) {
                    deps.add(p);
                }
            }
        }
        deps.sort(null);
        return deps;
    }

    private static boolean upToDate(Path output, String stamp) {
        return dev.ukl.util.Stamp.beside(output).fresh(stamp, output);
    }

    private static void writeStamp(Path output, String stamp) {
        dev.ukl.util.Stamp.beside(output).write(stamp);
    }
}
