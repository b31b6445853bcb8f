package dev.ukl.guest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Half-made kernel snapshots of commands that died are removed; a running command's is kept. */
class SnapshotPruneTest {
    @TempDir
    Path root;

    @Test
    void theCopyOfADeadCommandGoesTheRunningOnesAndFinishedSnapshotsStay() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long dead = p.pid();
        p.waitFor();
        Path abandoned = Files.createDirectories(root.resolve("0123456789abcdef.tmp-" + dead + "/arch/x86/boot"))
                .getParent().getParent().getParent();
        Path running = Files.createDirectories(root.resolve("fedcba9876543210.tmp-" + ProcessHandle.current().pid()));
        Path finished = Files.createDirectories(root.resolve("00112233445566778"));
        Path odd = Files.createDirectories(root.resolve("notes.tmp-x"));

        Pipeline.pruneAbandoned(root);

        assertThat(abandoned).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(finished).isDirectory();
        assertThat(odd).isDirectory();
    }
}
