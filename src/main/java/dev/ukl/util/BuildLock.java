package dev.ukl.util;

import dev.ukl.UklException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock on something a build writes that every ukl command of a checkout shares (a kernel
 * variant's object directory, the C runtime, an app's build directory): a file beside it, locked
 * for as long as the build runs. A second command that needs it waits, and says for whom; with
 * {@code UKL_NO_WAIT=1} in its environment it fails at once instead. Within one process the lock
 * is reentrant for the thread that holds it, so a step may call another step that takes it too.
 */
public final class BuildLock implements AutoCloseable {
    /** The environment variable that turns waiting into an error. */
    public static final String NO_WAIT = "UKL_NO_WAIT";

    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

    /** One lock file in this process: the thread's hold on it, and the file lock while held. */
    private static final class Held {
        final ReentrantLock thread = new ReentrantLock();
        FileChannel channel;
        FileLock lock;
    }

    private final Held held;

    private BuildLock(Held held) {
        this.held = held;
    }

    /** Locks {@code file} for building {@code what}, waiting unless the environment says not to. */
    public static BuildLock acquire(Path file, String what, PrintWriter out) {
        return acquire(file, what, out, !"1".equals(System.getenv(NO_WAIT)));
    }

    /**
     * Locks {@code file} for building {@code what}. When another command holds it: with {@code wait},
     * prints one line naming it and waits; without, fails with an error that names it.
     */
    public static BuildLock acquire(Path file, String what, PrintWriter out, boolean wait) {
        Path key = file.toAbsolutePath().normalize();
        Held h = HELD.computeIfAbsent(key, k -> new Held());
        if (!h.thread.tryLock()) {
            if (!wait) {
                throw busy(key, what, "another thread of this command");
            }
            say(out, what, "another thread of this command", key);
            h.thread.lock();
        }
        if (h.thread.getHoldCount() > 1) {
            return new BuildLock(h);
        }
        try {
            Files.createDirectories(key.getParent());
            h.channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            h.lock = h.channel.tryLock();
            if (h.lock == null) {
                String holder = holder(key);
                if (!wait) {
                    throw busy(key, what, holder);
                }
                say(out, what, holder, key);
                h.lock = h.channel.lock();
            }
            byte[] me = (describe(ProcessHandle.current()) + "\n").getBytes(StandardCharsets.UTF_8);
            h.channel.truncate(0);
            h.channel.write(ByteBuffer.wrap(me), 0);
            return new BuildLock(h);
        } catch (IOException | RuntimeException e) {
            release(h);
            h.thread.unlock();
            if (e instanceof UklException u) {
                throw u;
            }
            throw new UklException("cannot lock " + key + " for " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (held.thread.getHoldCount() == 1) {
            release(held);
        }
        held.thread.unlock();
    }

    private static void release(Held h) {
        try {
            if (h.lock != null) {
                h.lock.release();
            }
            if (h.channel != null) {
                h.channel.close();
            }
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
        h.lock = null;
        h.channel = null;
    }

    private static void say(PrintWriter out, String what, String holder, Path file) {
        out.println("ukl: waiting for " + holder + ", which is building " + what + " (lock: " + file + ")");
        out.flush();
    }

    private static UklException busy(Path file, String what, String holder) {
        return new UklException(holder + " is building " + what + " (lock: " + file + "); " + NO_WAIT
                + "=1 is set, so not waiting for it");
    }

    /** Who holds the lock, as the holder wrote it into the file. */
    static String holder(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() ? "another ukl command" : "another ukl command (" + s + ")";
        } catch (IOException e) {
            return "another ukl command";
        }
    }

    /** "pid N: ukl ARGS" for a ukl process, or "pid N" when its arguments are not known. */
    static String describe(ProcessHandle p) {
        List<String> args = p.info().arguments().map(List::of).orElse(List.of());
        int jar = args.indexOf("-jar");
        String cmd = jar >= 0 && jar + 2 <= args.size() ? String.join(" ", args.subList(jar + 2, args.size())) : "";
        return "pid " + p.pid() + (cmd.isEmpty() ? "" : ": ukl " + cmd);
    }
}
