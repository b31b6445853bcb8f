package dev.ukl.cli;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.env.Doctor;
import dev.ukl.env.Prerequisite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check (and with --install, install) everything ukl needs.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--install", description = "Install missing packages with apt-get (needs root).")
    boolean install;

    @Option(names = "--also", hidden = true, description = "Also require this Debian package.")
    List<String> also = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Prerequisite> wanted = new ArrayList<>(Doctor.REQUIRED);
        also.forEach(p -> wanted.add(new Prerequisite(p, "requested with --also")));
        Doctor doctor = new Doctor(wanted);
        if (install) {
            doctor.install(out, Project.locate().logs());
        }
        if (!doctor.report(out)) {
            throw new UklException(doctor.missing().size() + " prerequisite(s) missing; install them with: "
                    + Doctor.installCommand(doctor.missing()));
        }
        return 0;
    }
}
