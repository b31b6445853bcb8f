package dev.ukl.vm;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A running QEMU guest. Its serial console goes to a log file (and, on request, to the
 * terminal); every wait has a time limit, and running past it is an error showing the
 * console's tail.
 */
public final class Vm implements AutoCloseable {
    private static final int TAIL = 30;
    private final Process process;
    private final Path consoleLog;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final QmpClient qmp;
    private final List<ConnectionRelay> relays;

    private Vm(Process process, Path consoleLog, PrintStream echo, Path qmpSocket, List<ConnectionRelay> relays) {
        this.process = process;
        this.relays = relays;
        this.consoleLog = consoleLog;
        this.reader = new Thread(() -> pump(echo), "qemu-console");
        this.reader.setDaemon(true);
        this.reader.start();
        this.qmp = qmpSocket == null ? null : QmpClient.connect(qmpSocket, Duration.ofSeconds(60), process::isAlive);
    }

    /**
     * Starts QEMU. Each forwarded host port is a relay (ConnectionRelay) to a port of QEMU's
     * own; the relays listen first, so a port in use is one clear error rather than a QEMU
     * failure. {@code echo} receives console lines as they arrive, or is null.
     */
    public static Vm start(QemuConfig config, Path consoleLog, PrintStream echo) {
        List<ConnectionRelay> relays = new ArrayList<>();
        List<PortForward> inner = new ArrayList<>();
        try {
            for (PortForward f : config.forwards()) {
                int port = PortForward.freeLoopbackPort();
                relays.add(ConnectionRelay.start(f, port));
                inner.add(new PortForward(port, f.guestPort()));
            }
        } catch (UklException e) {
            relays.forEach(ConnectionRelay::close);
            throw e;
        }
        List<String> cmd = QemuCommand.build(config.withForwards(inner));
        try {
            Files.createDirectories(consoleLog.getParent());
            if (config.qmpSocket() != null) {
                Files.createDirectories(config.qmpSocket().getParent());
                Files.deleteIfExists(config.qmpSocket());
            }
            Path stderr = consoleLog.resolveSibling(consoleLog.getFileName() + ".qemu-stderr");
            Files.writeString(consoleLog.resolveSibling(consoleLog.getFileName() + ".cmdline"),
                    String.join(" ", cmd) + "\n");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            try {
                return new Vm(p, consoleLog, echo, config.qmpSocket(), relays);
            } catch (UklException e) {
                p.destroyForcibly();
                relays.forEach(ConnectionRelay::close);
                throw new UklException("QEMU did not start: " + e.getMessage(), stderr, Proc.tail(stderr, 10));
            }
        } catch (IOException e) {
            relays.forEach(ConnectionRelay::close);
            throw new UklException("cannot start QEMU: " + e.getMessage() + " (run ./ukl doctor)");
        }
    }

    private void pump(PrintStream echo) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.ISO_8859_1));
             Writer w = Files.newBufferedWriter(consoleLog, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                String clean = line.replace("\r", "");
                w.write(clean);
                w.write('\n');
                w.flush();
                if (echo != null) {
                    echo.println(clean);
                }
                synchronized (lines) {
                    lines.add(clean);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // QEMU went away; waiters see the process end
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    public Path consoleLog() {
        return consoleLog;
    }

    /** A copy of the console so far. */
    public List<String> console() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    public QmpClient qmp() {
        if (qmp == null) {
            throw new IllegalStateException("this VM was started without QMP");
        }
        return qmp;
    }

    /** Waits for a console line matching the pattern; returns it. */
    public String waitFor(Pattern pattern, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    String l = lines.get(seen);
                    if (l.contains("Kernel panic")) {
                        throw guestFailure(GuestException.Kind.FAILED, "the guest kernel panicked while waiting for " + what);
                    }
                    if (pattern.matcher(l).find()) {
                        return l;
                    }
                }
                if (!reader.isAlive()) {
                    throw guestFailure(GuestException.Kind.FAILED, "QEMU exited (status " + exitValueOr(-1) + ") before " + what);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw guestFailure(GuestException.Kind.TIMEOUT, "the guest did not reach " + what + " within " + describe(timeout));
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for " + what);
                }
            }
        }
    }

    /** Waits for QEMU to exit; returns its exit code. Kills it and fails past the limit. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw guestFailure(GuestException.Kind.TIMEOUT, "the guest did not finish within " + describe(timeout));
            }
            reader.join(5000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failure("interrupted while waiting for the guest");
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the VM cleanly through QMP when there is one, else by signal. */
    public void shutdown() {
        if (!process.isAlive()) {
            return;
        }
        if (qmp != null) {
            qmp.quit();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An error carrying the console's tail and log path. */
    public UklException failure(String message) {
        return new UklException(message, consoleLog, "--- last lines of the guest console ---\n"
                + Proc.tail(console(), TAIL));
    }

    /** An error of the guest itself (see {@link GuestException}), with the console's tail and log path. */
    public GuestException guestFailure(GuestException.Kind kind, String message) {
        return new GuestException(kind, message, consoleLog, "--- last lines of the guest console ---\n"
                + Proc.tail(console(), TAIL));
    }

    private int exitValueOr(int dflt) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            return process.exitValue();
        } catch (IllegalThreadStateException | InterruptedException e) {
            return dflt;
        }
    }

    @Override
    public void close() {
        if (qmp != null) {
            qmp.close();
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        relays.forEach(ConnectionRelay::close);
    }
}
