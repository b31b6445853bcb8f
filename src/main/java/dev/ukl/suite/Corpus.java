package dev.ukl.suite;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.image.GuestImage;
import dev.ukl.runtime.UklCc;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The C runtime corpus (guest/corpus/*.c): small unmodified C programs, each built as a normal
 * static musl program and, all together, as one multi-call UKL app whose dispatcher runs the
 * program named by its first argument. A program's {@code corpus-args:} and
 * {@code corpus-stdin:} comments give its arguments and input, and {@code expect/NAME.out} the
 * output both forms must give.
 */
public final class Corpus {
    private static final Pattern ARGS = Pattern.compile("corpus-args:\\s*(.*?)\\s*\\*/");
    private static final Pattern STDIN = Pattern.compile("corpus-stdin:\\s*(.*?)\\s*\\*/");

    /** Both forms of the corpus, ready for a guest image. */
    public record Built(List<String> names, Path userDir, Path uklArchive, Path dataDir) {
        /** Adds the user programs, arguments, inputs, pinned outputs (from the corpus dir) and the list. */
        public void addTo(GuestImage image, Path corpusDir) {
            for (String n : names) {
                image.add("corpus/bin/" + n, userDir.resolve(n));
                for (String kind : List.of("args", "stdin")) {
                    Path f = dataDir.resolve(kind).resolve(n);
                    if (Files.exists(f)) {
                        image.add("corpus/" + kind + "/" + n, f);
                    }
                }
                Path limit = corpusDir.resolve("limits").resolve(n + ".ukl");
                if (Files.exists(limit)) {
                    image.add("corpus/limits/" + n + ".ukl", limit);
                }
                image.add("corpus/expect/" + n + ".out", expectedOutput(corpusDir, n));
            }
            image.add("corpus/list", dataDir.resolve("list"));
        }
    }

    /**
     * The output, exit status included, a program must give: a program without one is an error,
     * since comparing the two forms alone would pass a program that is wrong in both.
     */
    static Path expectedOutput(Path corpusDir, String name) {
        Path expect = corpusDir.resolve("expect").resolve(name + ".out");
        if (!Files.isRegularFile(expect)) {
            throw new UklException("corpus program " + name + " has no expected output: write what it must print,"
                    + " then a last line \"exit STATUS\", to " + expect);
        }
        return expect;
    }

    private final Project project;

    public Corpus(Project project) {
        this.project = project;
    }

    public Path dir() {
        return project.guest().resolve("corpus");
    }

    /** The corpus programs' names, sorted. */
    public List<String> names() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
        } catch (IOException e) {
            throw new UklException("cannot list " + dir() + ": " + e.getMessage());
        }
    }

    /** Builds both forms with ukl cc (the user form with --userspace). */
    public Built build(PrintWriter out) {
        List<String> names = names();
        if (names.isEmpty()) {
            throw new UklException("no corpus programs under " + dir());
        }
        names.forEach(n -> expectedOutput(dir(), n));
        Path work = project.build().resolve("corpus");
        Path userDir = work.resolve("user");
        Path objDir = work.resolve("ukl");
        Path data = work.resolve("data");
        try {
            for (Path d : List.of(userDir, objDir, data.resolve("args"), data.resolve("stdin"))) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UklException("cannot create " + work + ": " + e.getMessage());
        }
        List<String> objects = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        StringBuilder decls = new StringBuilder();
        out.println("corpus: building " + names.size() + " programs in both forms");
        out.flush();
        for (String n : names) {
            Path src = dir().resolve(n + ".c");
            cc(true, List.of("-O2", "-Wall", "-o", userDir.resolve(n).toString(), src.toString(), "-lpthread"), n);
            Path obj = objDir.resolve(n + ".o");
            cc(false, List.of("-O2", "-Wall", "-c", "-o", obj.toString(), src.toString()), n);
            // each program's main becomes corpus_NAME_main, and its other globals local to it
            String entry = "corpus_" + n + "_main";
            Proc.Result r = Proc.run(null, List.of("objcopy", "--redefine-sym", "main=" + entry,
                    "--keep-global-symbol=" + entry, obj.toString()));
            if (!r.ok()) {
                throw new UklException("objcopy of " + obj + " failed: " + r.output().strip());
            }
            objects.add(obj.toString());
            decls.append("int ").append(entry).append("(int, char **);\n");
            table.append("\t{ \"").append(n).append("\", ").append(entry).append(" },\n");
            writeData(src, data, n);
        }
        Path dispatch = objDir.resolve("corpus_main.c");
        write(dispatch, """
                /* Generated by ukl: runs the corpus program named by the first argument. */
                #include <stdio.h>
                #include <string.h>

                %s
                static const struct { const char *name; int (*main)(int, char **); } programs[] = {
                %s};

                int main(int argc, char **argv)
                {
                	for (unsigned i = 0; argc > 1 && i < sizeof(programs) / sizeof(programs[0]); i++)
                		if (!strcmp(argv[1], programs[i].name))
                			return programs[i].main(argc - 1, argv + 1);
                	fprintf(stderr, "corpus: no program %%s\\n", argc > 1 ? argv[1] : "(none)");
                	return 127;
                }
                """.formatted(decls, table));
        Path archive = work.resolve("corpus-UKL.a");
        List<String> link = new ArrayList<>(List.of("-O2", "-o", archive.toString(), dispatch.toString()));
        link.addAll(objects);
        cc(false, link, "the corpus app");
        write(data.resolve("list"), String.join("\n", names) + "\n");
        return new Built(names, userDir, archive, data);
    }

    private static void writeData(Path src, Path data, String name) {
        String text;
        try {
            text = Files.readString(src);
        } catch (IOException e) {
            throw new UklException("cannot read " + src + ": " + e.getMessage());
        }
        Matcher a = ARGS.matcher(text);
        if (a.find()) {
            write(data.resolve("args").resolve(name), a.group(1) + "\n");
        }
        Matcher s = STDIN.matcher(text);
        if (s.find()) {
            write(data.resolve("stdin").resolve(name), s.group(1).replace("\\n", "\n"));
        }
    }

    private void cc(boolean userspace, List<String> args, String what) {
        StringWriter err = new StringWriter();
        int rc = UklCc.capturing(project, new PrintWriter(err, true)).run(args, userspace);
        if (rc != 0) {
            throw new UklException((userspace ? "user" : "UKL") + " build of corpus program " + what + " failed: "
                    + err.toString().strip());
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UklException("cannot write " + p + ": " + e.getMessage());
        }
    }
}
