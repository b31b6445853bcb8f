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
 * A counting plugin for QEMU from tools/profile, built once against the plugin header of the QEMU
 * that runs it (include/qemu/qemu-plugin.h from Debian's qemu source package): ukl-profile.c, the
 * instructions at each address inside marked windows (ukl profile, the benchmarks), or
 * ukl-boot.c, the instructions up to a ready mark (ukl bench boot).
 */
public final class ProfilePlugin {
    static final String HEADER = "include/qemu/qemu-plugin.h";
    private final Project project;
    private final String name;

    /** The profiling plugin, ukl-profile. */
    public ProfilePlugin(Project project) {
        this(project, "ukl-profile");
    }

    private ProfilePlugin(Project project, String name) {
        this.project = project;
        this.name = name;
    }

    /** The boot plugin, ukl-boot: instructions from the first to the first run of a ready address. */
    public static ProfilePlugin boot(Project project) {
        return new ProfilePlugin(project, "ukl-boot");
    }

    /** The built plugin library, made if its source or the header changed. */
    public Path library(PrintWriter out) {
        Path dir = project.build().resolve("profile");
        Path header = new DebianSource(dir.resolve("debian"), project.logs())
                .member("qemu", HEADER, dir.resolve("include/qemu-plugin.h"), out);
        Path source = project.root().resolve("tools/profile/" + name + ".c");
        Path lib = dir.resolve(name + ".so");
        String hash = new Hashing().addFile(source).addFile(header).hex();
        Stamp stamp = Stamp.beside(lib);
        if (stamp.fresh(hash, lib)) {
            return lib;
        }
        Path log = project.logs().resolve(name + "-plugin.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
        }
        Proc.checked(dir, List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
                "-I" + header.getParent(), source.toString(), "-o", lib.toString()), log,
                "building the QEMU plugin " + name + " failed");
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
        return freshOutput(output, Map.of(), out);
    }

    /** The same, with more arguments for the plugin. */
    public QemuPlugin freshOutput(Path output, Map<String, String> args, PrintWriter out) {
        Path lib = library(out);
        try {
            Files.createDirectories(output.getParent());
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new UklException("cannot prepare " + output + ": " + e.getMessage(), e);
        }
        Map<String, String> all = new java.util.TreeMap<>(args);
        all.put("out", output.toString());
        return new QemuPlugin(lib, all);
    }
}
