package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.archive.ArchiveChecker;
import dev.ukl.archive.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an app both ways: a static user program and a UKL archive (UKL.a).")
public final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "APP", description = "The app: a directory of C sources, a directory with its own "
            + "Makefile, or a Java app (a Maven project whose ukl.properties names its main class, or a jar).")
    Path app;

    @Override
    public Integer call() {
        PrintWriter out = Common.out(spec);
        App a = App.load(app);
        AppBuilder.Built b = new AppBuilder(Project.locate()).build(a);
        out.println("user program: " + (b.userProgram() == null ? "none (prebuilt archive)" : b.userProgram()));
        out.println("UKL archive:  " + b.uklArchive());
        CheckReport r = new ArchiveChecker().check(b.uklArchive());
        CheckCommand.print(r, out);
        return r.ok() ? 0 : 1;
    }
}
