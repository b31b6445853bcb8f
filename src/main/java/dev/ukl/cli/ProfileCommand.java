package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.UklException;
import dev.ukl.bench.SyscallBench;
import dev.ukl.guest.Pipeline;
import dev.ukl.profile.CaseProfile;
import dev.ukl.bench.FloorTable;
import dev.ukl.bench.SyscallProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Where the guest instructions of each system-call benchmark case go, by function, across the "
                + "app and the kernel in one table: the benchmark (guest/ukl-bench) under -icount with a QEMU plugin "
                + "that counts the instructions at every address inside the benchmark's measured batches. "
                + "Tables on the terminal, every function in build/profile/syscalls.json.")
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--form", paramLabel = "FORM", split = ",", defaultValue = "user,ukl-base,ukl",
            description = "Forms to profile: user (the user program on the plain kernel), ukl-base (the UKL app "
                    + "with the fast paths off), ukl-bypass, ukl-shortcuts and ukl-ret (one fast path each), ukl (all on) "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> forms;

    @Option(names = "--case", paramLabel = "NAME", split = ",",
            defaultValue = "getppid,pipe_write_1,socket_send_1",
            description = "Cases to show (default: ${DEFAULT-VALUE}; \"all\" for every case).")
    List<String> cases;

    @Option(names = "--top", defaultValue = "15", paramLabel = "N",
            description = "Functions shown per case (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--console", description = "Show the guest's serial console.")
    boolean console;

    @Override
    public Integer call() {
        List<Form> chosen = new ArrayList<>();
        for (String f : forms) {
            chosen.add(Form.of(f.toLowerCase(Locale.ROOT), Form.BENCHED));
        }
        if (top < 1) {
            throw new UklException("--top must be at least 1");
        }
        PrintWriter out = Common.out(spec);
        Pipeline pipeline = Common.pipeline(spec).ensurePrerequisites();
        List<SyscallProfile.Result> results = new ArrayList<>();
        for (Form form : chosen) {
            results.add(new SyscallProfile(pipeline).run(form, console ? System.out : null));
        }
        List<String> names = cases.contains("all")
                ? results.get(0).cases().stream().map(CaseProfile::name).toList() : cases;
        for (String name : names) {
            for (SyscallProfile.Result r : results) {
                out.println();
                out.print(r.get(name).table(r.form(), top));
            }
        }
        out.println();
        out.print(FloorTable.format(results, names));
        Path json = pipeline.project().build().resolve("profile/syscalls.json");
        SyscallProfile.writeJson(results, json);
        out.println();
        out.println("profile: every case and function in " + json);
        return 0;
    }
}
