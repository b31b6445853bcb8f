package dev.ukl.kernel;

import dev.ukl.UklException;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a variant's .config: the fragments merged by the kernel's own
 * {@code scripts/kconfig/merge_config.sh} on top of allnoconfig, then {@code olddefconfig}.
 * Every requested option must end with the requested value; one that did not is an error
 * naming it and saying why (no such option, or a dependency not met).
 */
public final class ConfigMerger {
    private final Path source;

    public ConfigMerger(Path source) {
        this.source = source;
    }

    /** Writes objdir/.config from the fragments; returns a digest of the inputs. */
    public String merge(Path objdir, List<Path> fragmentFiles, Path log) {
        return merge(objdir, fragmentFiles, log, false);
    }

    /**
     * As {@link #merge(Path, List, Path)}; with {@code absentAllowed}, an option this tree does not
     * declare at all is left out instead of refused (a tree part way through the series has
     * not added it yet). A declared option that did not take its value is refused either way.
     */
    public String merge(Path objdir, List<Path> fragmentFiles, Path log, boolean absentAllowed) {
        List<ConfigFragment> fragments = new ArrayList<>();
        Hashing h = new Hashing();
        for (Path f : fragmentFiles) {
            fragments.add(ConfigFragment.read(f));
            h.addFile(f);
        }
        String digest = h.hex();
        try {
            Files.createDirectories(objdir);
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + objdir + ": " + e.getMessage());
        }
        Path merged = objdir.resolve("ukl-merged.config");
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/kconfig/merge_config.sh", "-m", "-n", "-O",
                objdir.toString()));
        fragmentFiles.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        StringBuilder all = new StringBuilder();
        run(cmd, log, all);
        try {
            Files.copy(objdir.resolve(".config"), merged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UklException("merge_config.sh wrote no .config", log);
        }
        run(List.of("make", "-s", "O=" + objdir, "KCONFIG_ALLCONFIG=" + merged, "allnoconfig"), log, all);
        run(List.of("make", "-s", "O=" + objdir, "olddefconfig"), log, all);
        try {
            Files.writeString(log, all.toString());
        } catch (IOException e) {
            // the log is a convenience
        }
        verify(fragments, ConfigFragment.readConfig(objdir.resolve(".config")), log, absentAllowed);
        return digest;
    }

    private void run(List<String> cmd, Path log, StringBuilder all) {
        Proc.Result r = Proc.run(source, cmd);
        all.append("$ ").append(String.join(" ", cmd)).append('\n').append(r.output());
        if (!r.ok()) {
            try {
                Files.writeString(log, all.toString());
            } catch (IOException e) {
                // reported below
            }
            throw new UklException("kernel configuration failed: " + String.join(" ", cmd), log,
                    Proc.tail(List.of(r.output().split("\n")), 20));
        }
    }

    /** Checks that every requested value made it; the last fragment naming an option wins. */
    void verify(List<ConfigFragment> fragments, Map<String, String> config, Path log) {
        verify(fragments, config, log, false);
    }

    void verify(List<ConfigFragment> fragments, Map<String, String> config, Path log, boolean absentAllowed) {
        Map<String, String> wanted = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (ConfigFragment f : fragments) {
            f.options().forEach((k, v) -> {
                wanted.put(k, v);
                from.put(k, f.file());
            });
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String want = e.getValue();
            String got = config.getOrDefault(e.getKey(), "n");
            if (!want.equals(got)) {
                boolean declared = exists(e.getKey());
                if (!declared && absentAllowed) {
                    continue;
                }
                String why = declared ? "got " + (got.equals("n") ? "not set" : got)
                        + " (a dependency is not met)" : "no such option in this kernel";
                problems.add(e.getKey() + "=" + want + " requested in " + from.get(e.getKey()).getFileName()
                        + ": " + why);
            }
        }
        if (!problems.isEmpty()) {
            throw new UklException("kernel config: " + String.join("; ", problems), log);
        }
    }

    /** Whether any Kconfig file of the tree declares the option. */
    boolean exists(String option) {
        String sym = option.substring("CONFIG_".length());
        Proc.Result r = Proc.run(source, List.of("git", "grep", "-q", "-E",
                "^[[:space:]]*(menu)?config[[:space:]]+" + sym + "[[:space:]]*$", "--", "*Kconfig*"));
        return r.ok();
    }
}
