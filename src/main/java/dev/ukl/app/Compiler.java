package dev.ukl.app;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs gcc, ar and objcopy; a failure shows the tool's own message. */
public final class Compiler {
    /** Flags every UKL object needs: the kernel code model, no PIC, no red zone. */
    public static final List<String> UKL_FLAGS = List.of("-fno-PIC", "-mcmodel=kernel", "-mno-red-zone",
            "-fno-asynchronous-unwind-tables", "-fno-stack-protector", "-DUKL");
    public static final List<String> COMMON_FLAGS = List.of("-O2", "-Wall");

    private final Path log;

    public Compiler(Path log) {
        this.log = log;
    }

    /** Links a static user program from the sources. */
    public void userProgram(List<Path> sources, List<String> cflags, Path output, String what) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-static"));
        cmd.addAll(COMMON_FLAGS);
        cmd.addAll(cflags);
        cmd.addAll(List.of("-o", output.toString()));
        sources.forEach(s -> cmd.add(s.toString()));
        run(cmd, what + " does not compile");
    }

    /** Compiles one source to an object with the given flags. */
    public void object(Path source, List<String> flags, Path output, String what) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-c"));
        cmd.addAll(COMMON_FLAGS);
        cmd.addAll(flags);
        cmd.addAll(List.of("-o", output.toString(), source.toString()));
        run(cmd, what + " does not compile");
    }

    /** Archives the objects and renames every symbol with the ukl_ prefix, as the kernel links apps. */
    public void uklArchive(List<Path> objects, Path archive) {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UklException("cannot replace " + archive + ": " + e.getMessage());
        }
        List<String> ar = new ArrayList<>(List.of("ar", "crD", archive.toString()));
        objects.forEach(o -> ar.add(o.toString()));
        run(ar, "ar failed");
        run(List.of("objcopy", "--prefix-symbols=ukl_", archive.toString()), "objcopy failed");
    }

    private void run(List<String> cmd, String message) {
        Proc.checked(null, cmd, log, message);
    }
}
