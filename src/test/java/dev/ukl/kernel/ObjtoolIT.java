package dev.ukl.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Proc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * objtool, as the UKL kernel's build runs it, over every object of a file the series changes:
 * no warning. The build prints objtool's warnings without failing, and a rebuild from ccache or
 * an incremental one does not print them again, so this runs objtool itself on copies of the
 * built objects, writing nothing (--dry-run, and without --orc, which they already carry). A
 * control object that returns with a STAC still open must draw a warning from the same command.
 */
class ObjtoolIT {
    private static final Pattern OBJTOOL = Pattern.compile("(tools/objtool/objtool(?: --?[\\w=,-]+)+)\\s+(\\S+\\.o)");

    @Test
    void theObjectsTheSeriesChangesDrawNoObjtoolWarning(@TempDir Path tmp) throws IOException {
        Project project = Project.locate();
        Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        pipeline.kernel(Pipeline.UKL_VARIANT);
        Path objdir = project.kernelObjects(Pipeline.UKL_VARIANT);
        Proc.Result diff = Proc.run(project.kernelSource(),
                List.of("git", "diff", "--name-only", SourceTree.PRISTINE, SourceTree.APPLIED));
        assertThat(diff.ok()).as(diff.output()).isTrue();

        List<String> checked = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> flags = null;
        for (String file : diff.output().lines().filter(f -> f.matches(".*\\.[cS]")).toList()) {
            Path object = objdir.resolve(file.substring(0, file.length() - 2) + ".o");
            Path cmd = object.resolveSibling("." + object.getFileName() + ".cmd");
            if (!Files.isRegularFile(object) || !Files.isRegularFile(cmd)) {
                continue;   // not built in this configuration
            }
            Matcher m = OBJTOOL.matcher(Files.readString(cmd));
            if (!m.find()) {
                continue;   // objtool does not run on it (OBJECT_FILES_NON_STANDARD)
            }
            flags = dryRun(m.group(1));
            Path copy = tmp.resolve(object.getFileName());
            Files.copy(object, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            warnings.addAll(objtool(objdir, flags, copy));
            checked.add(file);
        }
        System.out.println("objtool checked: " + checked);
        assertThat(checked).contains("arch/x86/entry/entry_64.S", "arch/x86/entry/common.c",
                "arch/x86/kernel/ukl.c", "arch/x86/entry/ukl_shortcuts.c");
        assertThat(warnings).isEmpty();

        // the control: the same command warns about a return with user access still open
        Path control = tmp.resolve("control.S");
        Files.writeString(control, ".text\n.globl f\n.type f, @function\nf:\n\tstac\n\tret\n.size f, .-f\n");
        Path controlObject = tmp.resolve("control.o");
        Proc.Result as = Proc.run(tmp, List.of("gcc", "-c", control.toString(), "-o", controlObject.toString()));
        assertThat(as.ok()).as(as.output()).isTrue();
        assertThat(objtool(objdir, flags, controlObject)).singleElement().asString()
                .contains("return with UACCESS enabled");
    }

    /**
     * The build's objtool flags, validating only: no ORC and no static-call sites (the objects
     * have them, and objtool refuses to add a section twice), nothing written.
     */
    private static List<String> dryRun(String command) {
        List<String> args = new ArrayList<>();
        for (String a : command.split("\\s+")) {
            if (!a.equals("--orc") && !a.equals("--static-call")) {
                args.add(a);
            }
        }
        args.add("--dry-run");
        return args;
    }

    private static List<String> objtool(Path objdir, List<String> flags, Path object) {
        List<String> cmd = new ArrayList<>(flags);
        cmd.set(0, objdir.resolve(flags.get(0)).toString());
        cmd.add(object.toString());
        Proc.Result r = Proc.run(objdir, cmd);
        assertThat(r.exitCode()).as("objtool on %s: %s", object, r.output()).isZero();
        return r.output().lines().filter(l -> l.contains("warning")).toList();
    }
}
