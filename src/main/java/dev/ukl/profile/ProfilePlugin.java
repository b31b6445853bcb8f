package dev.ukl.profile;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.runtime.DebianSource;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Stamp;
import dev.ukl.vm.QemuPlugin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The profiling plugin for QEMU (tools/profile/ukl-profile.c), built once against the plugin
 * header of the QEMU that runs it: include/qemu/qemu-plugin.h from Debian's qemu source package.
 */
public final class ProfilePlugin {
    static final String HEADER = "include/qemu/qemu-plugin.h";
    private final Project project;

    public ProfilePlugin(Project project) {
        this.project = project;
    }

    /** The built plugin library, made if its source or the header changed. */
    public Path library(PrintWriter out) {
        Path dir = project.build().resolve("profile");
        Path header = new DebianSource(dir.resolve("debian"), project.logs())
                .member("qemu", HEADER, dir.resolve("include/qemu-plugin.h"), out);
        Path source = project.root().resolve("tools/profile/ukl-profile.c");
        Path lib = dir.resolve("ukl-profile.so");
        String hash = new Hashing().addFile(source).addFile(header).hex();
        Stamp stamp = Stamp.beside(lib);
        if (stamp.fresh(hash, lib)) {
            return lib;
        }
        Path log = project.logs().resolve("profile-plugin.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        Proc.checked(dir, List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
                "-I" + header.getParent(), source.toString(), "-o", lib.toString()), log,
                "building the QEMU profiling plugin failed");
        stamp.write(hash);
        return lib;
    }

    /** The plugin as QEMU loads it, writing its counts to {@code output}. */
    public QemuPlugin forOutput(Path library, Path output) {
        return new QemuPlugin(library, Map.of("out", output.toString()));
    }

    /**
     * The plugin, built if needed, for a boot that writes its counts to {@code output}: the
     * output's directory made and an earlier run's counts removed, so that what is read after
     * the boot is this boot's.
     */
    public QemuPlugin freshOutput(Path output, PrintWriter out) {
        Path lib = library(out);
        try {
            Files.createDirectories(output.getParent());
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new UklException("cannot prepare " + output + ": " + e.getMessage(), e);
        }
        return forOutput(lib, output);
    }
}
