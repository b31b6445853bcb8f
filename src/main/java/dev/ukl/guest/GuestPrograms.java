package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.Compiler;
import dev.ukl.util.Hashing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Compiles the programs under guest/ (tests and tools) as static user programs. */
public final class GuestPrograms {
    private final Project project;

    public GuestPrograms(Project project) {
        this.project = project;
    }

    public Path qemuExit() {
        return compile(project.guest().resolve("tools/qemu-exit.c"));
    }

    /** Every test program under guest/tests, compiled, in name order. */
    public List<Path> tests() {
        return compileAll(project.guest().resolve("tests"));
    }

    public List<Path> compileAll(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path src : s.filter(p -> p.toString().endsWith(".c")).sorted().toList()) {
                out.add(compile(src));
            }
        } catch (IOException e) {
            throw new UklException("cannot list " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** Compiles one guest program unless its source and the shared headers are unchanged. */
    public Path compile(Path source) {
        Path include = project.guest().resolve("include");
        String base = source.getFileName().toString().replaceFirst("\\.c$", "");
        Path out = project.build().resolve("guest").resolve(source.getParent().getFileName().toString()).resolve(base);
        Hashing h = new Hashing().addFile(source);
        try (Stream<Path> headers = Files.list(include)) {
            headers.sorted().forEach(h::addFile);
        } catch (IOException e) {
            throw new UklException("cannot list " + include + ": " + e.getMessage());
        }
        String stamp = h.hex();
        dev.ukl.util.Stamp stampFile = dev.ukl.util.Stamp.beside(out);
        try {
            if (stampFile.fresh(stamp, out)) {
                return out;
            }
            Files.createDirectories(out.getParent());
            new Compiler(out.resolveSibling(base + ".log")).userProgram(List.of(source),
                    List.of("-I" + include), out, "guest program " + source.getFileName());
            stampFile.write(stamp);
        } catch (IOException e) {
            throw new UklException("cannot build " + source + ": " + e.getMessage());
        }
        return out;
    }
}
