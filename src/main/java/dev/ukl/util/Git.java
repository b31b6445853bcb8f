package dev.ukl.util;

import dev.ukl.UklException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Git commands on one repository, with a fixed identity so results do not depend on the user's setup. */
public final class Git {
    private static final Map<String, String> IDENTITY = Map.of(
            "GIT_COMMITTER_NAME", "ukl", "GIT_COMMITTER_EMAIL", "ukl@localhost",
            "GIT_AUTHOR_NAME", "ukl", "GIT_AUTHOR_EMAIL", "ukl@localhost");
    private final Path repo;

    public Git(Path repo) {
        this.repo = repo;
    }

    public Path repo() {
        return repo;
    }

    /** Runs git with the arguments; returns its output, or fails naming the command. */
    public String run(String... args) {
        Proc.Result r = tryRun(args);
        if (!r.ok()) {
            throw new UklException("git " + String.join(" ", args) + " failed in " + repo, null, r.output().strip());
        }
        return r.output();
    }

    public Proc.Result tryRun(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(Arrays.asList(args));
        return Proc.run(repo, cmd, IDENTITY);
    }

    public String revParse(String rev) {
        Proc.Result r = tryRun("rev-parse", "--verify", "-q", rev + "^{commit}");
        return r.ok() ? r.output().strip() : null;
    }

    /** Uncommitted changes, as {@code git status --porcelain} lists them (empty when clean). */
    public String status() {
        return run("status", "--porcelain").strip();
    }
}
