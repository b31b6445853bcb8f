package dev.ukl.util;

import dev.ukl.UklException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs external commands, with their output captured or sent line by line to a log. */
public final class Proc {
    private Proc() {
    }

    /** Result of a finished command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs a command and returns its exit code and merged stdout/stderr. */
    public static Result run(Path dir, List<String> cmd) {
        return run(dir, cmd, Map.of());
    }

    public static Result run(Path dir, List<String> cmd, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int rc = stream(dir, cmd, env, null, line -> out.append(line).append('\n'));
        return new Result(rc, out.toString());
    }

    /**
     * Runs a command on this process's own terminal streams (a compiler driver's tools, whose
     * messages and exit code are the caller's), and returns its exit code.
     */
    public static int interactive(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            throw new UklException("cannot run " + cmd.get(0) + ": " + e.getMessage() + " (run ./ukl doctor)");
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UklException("interrupted while " + cmd.get(0) + " ran");
        }
    }

    /**
     * Runs a command, stdin closed, until one of its output lines (stdout and stderr) matches,
     * it ends, or the time is up; then stops it. True if a line matched.
     */
    public static boolean untilLine(List<String> cmd, java.time.Duration timeout,
                                    java.util.function.Predicate<String> match) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "proc-timeout");
                    t.setDaemon(true);
                    return t;
                });
        timer.schedule(p::destroyForcibly, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            p.getOutputStream().close();
            String line;
            while ((line = r.readLine()) != null) {
                if (match.test(line)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            p.destroyForcibly();
            timer.shutdownNow();
        }
    }

    /**
     * Runs a command, writing every output line to {@code log} (if not null) and
     * handing it to {@code onLine}. Returns the exit code.
     */
    public static int stream(Path dir, List<String> cmd, Map<String, String> env, Path log,
                             Consumer<String> onLine) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UklException("cannot run " + cmd.get(0) + ": " + e.getMessage()
                    + " (run ./ukl doctor)");
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // no input to give
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer w = log == null ? Writer.nullWriter()
                     : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            if (log != null) {
                w.write("$ " + String.join(" ", cmd) + "\n");
            }
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                onLine.accept(line);
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UklException("interrupted while running " + cmd.get(0));
        }
    }

    /**
     * Runs a build step: its command line and output are appended to {@code log}; a failure is an
     * error with {@code message}, the log's path and the output's last lines.
     */
    public static void checked(Path dir, List<String> cmd, Path log, String message) {
        Result r = run(dir, cmd);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", cmd) + "\n" + r.output(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a convenience; the error below still has the output's tail
        }
        if (!r.ok()) {
            throw new UklException(message, log, tail(List.of(r.output().split("\n")), 25));
        }
    }

    /** Whether a program is on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    /** The last {@code n} lines of a text file ("" if it does not exist). */
    public static String tail(Path file, int n) {
        if (file == null || !Files.exists(file)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return tail(lines, n);
        } catch (IOException e) {
            return "";
        }
    }

    public static String tail(List<String> lines, int n) {
        List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        return String.join("\n", last);
    }
}
