package dev.ukl.app;

import dev.ukl.UklException;
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
    private final Path buildRoot;

    public AppBuilder(Path buildRoot) {
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
        return switch (app.kind()) {
            case SOURCES -> buildSources(app);
            case MAKEFILE -> new MakefileApp(buildRoot).build(app);
            case ARCHIVE -> new Built(app, null, app.dir());
            case JAVA -> new JavaApp(buildRoot).build(app);
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
        Path s = output.resolveSibling(output.getFileName() + ".stamp");
        try {
            return Files.exists(output) && Files.exists(s) && Files.readString(s).strip().equals(stamp);
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeStamp(Path output, String stamp) {
        try {
            Files.writeString(output.resolveSibling(output.getFileName() + ".stamp"), stamp + "\n");
        } catch (IOException e) {
            throw new UklException("cannot write a stamp next to " + output + ": " + e.getMessage());
        }
    }
}
