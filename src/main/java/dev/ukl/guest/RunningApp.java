package dev.ukl.guest;

import dev.ukl.vm.GuestException;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app running in a VM that {@link AppRunner} started: its output (wherever its form sends
 * it) and its exit status, as the app's own, apart from the kernel's and init's lines.
 */
public final class RunningApp implements AutoCloseable {
    /** The kernel's line when init ends: its wait status in hex. */
    static final Pattern INIT_EXIT = Pattern.compile("Attempted to kill init! exitcode=0x([0-9a-fA-F]+)");
    private static final Pattern STATUS_LINE = Pattern.compile(Pattern.quote(ShellJob.STATUS) + "(\\d+)");
    /** A line the kernel printed (CONFIG_PRINTK_TIME): "[    1.234567] ...". */
    private static final Pattern KERNEL_LINE = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\]");
    private final Vm vm;
    private final Boot boot;
    private final Path stdout;
    private final Path stderr;

    RunningApp(Vm vm, Boot boot, Path stdout, Path stderr) {
        this.vm = vm;
        this.boot = boot;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public Vm vm() {
        return vm;
    }

    public Boot boot() {
        return boot;
    }

    /** The app's stdout so far, as lines (for a console app, the non-kernel lines after its start). */
    public List<String> output() {
        if (boot.output() != Boot.Output.SERIAL) {
            return appLines(vm.console(), boot.start());
        }
        try {
            return Files.exists(stdout) ? Files.readAllLines(stdout, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Waits until the guest ends, copying the app's stdout and stderr as they come; returns the
     * app's exit status (128+N when signal N ended it). A guest that ends without one, or runs
     * past the limit, is a {@link GuestException}.
     */
    public int awaitExit(Duration timeout, OutputStream out, OutputStream err) {
        Follower o = new Follower(stdout, out);
        Follower e = new Follower(stderr, err);
        int consoleSeen = 0;
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean alive = vm.isAlive();
            if (boot.output() == Boot.Output.SERIAL) {
                o.copy();
                e.copy();
            } else {
                List<String> lines = appLines(vm.console(), boot.start());
                for (; consoleSeen < lines.size(); consoleSeen++) {
                    write(out, lines.get(consoleSeen) + "\n");
                }
            }
            if (!alive) {
                break;
            }
            if (System.nanoTime() > deadline) {
                vm.close();
                throw vm.guestFailure(GuestException.Kind.TIMEOUT, "the app did not end within "
                        + timeout.toSeconds() + " s; the VM was stopped");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                vm.close();
                throw vm.guestFailure(GuestException.Kind.FAILED, "interrupted while the app ran");
            }
        }
        vm.waitForExit(Duration.ofSeconds(10));
        return status(vm.console(), boot.output())
                .orElseThrow(() -> vm.guestFailure(GuestException.Kind.FAILED, "the guest ended without the app's "
                        + "exit status" + (vm.console().stream().anyMatch(l -> l.contains("Kernel panic"))
                        ? " (its kernel panicked)" : "")));
    }

    /** The app's exit status from the console, if the guest said it. */
    static java.util.Optional<Integer> status(List<String> console, Boot.Output output) {
        Pattern p = output == Boot.Output.INIT ? INIT_EXIT : STATUS_LINE;
        for (String l : console) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                if (output != Boot.Output.INIT) {
                    return java.util.Optional.of(Integer.parseInt(m.group(1)));
                }
                int wait = (int) Long.parseLong(m.group(1), 16);
                int signal = wait & 0x7f;
                return java.util.Optional.of(signal == 0 ? (wait >> 8) & 0xff : 128 + signal);
            }
        }
        return java.util.Optional.empty();
    }

    /** The console lines after the app's start that neither the kernel nor the guest's init printed. */
    static List<String> appLines(List<String> console, Pattern start) {
        int from = 0;
        while (from < console.size() && !start.matcher(console.get(from)).find()) {
            from++;
        }
        return console.subList(Math.min(from + 1, console.size()), console.size()).stream()
                .filter(l -> !KERNEL_LINE.matcher(l).find() && !l.startsWith(ShellJob.OWN_PREFIX)).toList();
    }

    private static void write(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // the reader went away; the app's status still counts
        }
    }

    @Override
    public void close() {
        vm.close();
    }

    /** Copies what QEMU appended to a serial port's file since the last look. */
    private static final class Follower {
        private final Path file;
        private final OutputStream sink;
        private long offset;

        Follower(Path file, OutputStream sink) {
            this.file = file;
            this.sink = sink;
        }

        void copy() {
            if (file == null || !Files.exists(file)) {
                return;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                while (offset < length) {
                    byte[] buf = new byte[(int) Math.min(length - offset, 1 << 20)];
                    f.seek(offset);
                    f.readFully(buf);
                    offset += buf.length;
                    sink.write(buf);
                }
                sink.flush();
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
