package dev.ukl.util;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two processes and one lock file: the second waits and says for whom, or fails at once. */
class BuildLockTest {
    /** Holds the lock on args[0] until its stdin closes; says "held" once it has it. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (BuildLock lock = BuildLock.acquire(Path.of(args[0]), "a test", new PrintWriter(System.err, true),
                    true)) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
            }
        }
    }

    private static Process holder(Path file) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("held");
        return p;
    }

    @Test
    void aSecondProcessFailsAtOnceWhenAskedNotToWaitAndNamesTheHolder(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ukl.lock");
        Process p = holder(file);
        try {
            assertThatThrownBy(() -> BuildLock.acquire(file, "the kernel variant ukl", new PrintWriter(new StringWriter()),
                    false))
                    .isInstanceOf(UklException.class)
                    .hasMessageContaining("pid " + p.pid())
                    .hasMessageContaining("is building the kernel variant ukl")
                    .hasMessageContaining(file.toString());
        } finally {
            p.getOutputStream().close();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // free again: taken at once
        try (BuildLock lock = BuildLock.acquire(file, "x", new PrintWriter(new StringWriter()), false)) {
            assertThat(BuildLock.holder(file)).contains("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aSecondProcessWaitsSayingForWhomUntilTheFirstIsDone(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ukl.lock");
        Process p = holder(file);
        StringWriter said = new StringWriter();
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1500);
                p.getOutputStream().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        release.start();
        try (BuildLock lock = BuildLock.acquire(file, "the C runtime", new PrintWriter(said), true)) {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1400);
        }
        release.join();
        assertThat(said.toString()).startsWith("ukl: waiting for another ukl command (pid " + p.pid())
                .contains("which is building the C runtime");
    }

    @Test
    void theHolderMayTakeItAgainAndKeepsItUntilTheOuterClose(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ukl.lock");
        PrintWriter quiet = new PrintWriter(new StringWriter());
        try (BuildLock outer = BuildLock.acquire(file, "x", quiet, false)) {
            try (BuildLock inner = BuildLock.acquire(file, "x", quiet, false)) {
                assertThat(inner).isNotNull();
            }
            // still held after the inner close: another process cannot have it
            Process other = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString()))
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            assertThat(other.waitFor(3, TimeUnit.SECONDS)).as("the other process waits").isFalse();
            String err = new String(other.getErrorStream().readNBytes(
                    other.getErrorStream().available()), StandardCharsets.UTF_8);
            assertThat(err).contains("ukl: waiting for another ukl command (pid " + ProcessHandle.current().pid());
            other.destroyForcibly().waitFor();
        }
    }
}
