package dev.ukl.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Echo load from the host that survives a server that comes and goes: each connection sends
 * messages of random sizes (1 to 2048 bytes) and checks every byte that comes back against what
 * it sent at that offset. A connection that ends (the server was killed) or stalls is opened
 * again; bytes that came back before it ended are still checked. What counts is that no byte
 * ever comes back wrong.
 */
public final class EchoLoad {
    /** What the load saw, summed over all connections. */
    public record Figures(int connections, long opened, long refused, long messages, long bytes, long wrongBytes,
                          long cut, long stalled) {
        public String line() {
            return connections + " connections: " + opened + " opened (" + refused + " refused), " + messages
                    + " messages and " + bytes + " bytes echoed intact, " + wrongBytes + " wrong bytes, " + cut
                    + " messages cut by a kill, " + stalled + " stalls of 10 s";
        }
    }

    private final int port;
    private final int connections;
    private final long seed;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();

    public EchoLoad(int port, int connections, long seed) {
        this.port = port;
        this.connections = connections;
        this.seed = seed;
    }

    /** Runs the load until {@code stop} says so; returns what it saw. */
    public Figures run(BooleanSupplier stop) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Random random = new Random(seed + c);
                all.add(pool.submit(() -> connectionLoop(random, stop)));
            }
            for (Future<?> f : all) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("echo load connection failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return figures();
    }

    public Figures figures() {
        return new Figures(connections, opened.get(), refused.get(), messages.get(), bytes.get(), wrong.get(),
                cut.get(), stalled.get());
    }

    private void connectionLoop(Random random, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            Socket s;
            try {
                s = new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                refused.incrementAndGet();
                pause();
                continue;
            }
            opened.incrementAndGet();
            try (s) {
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                exchange(s, random, stop);
            } catch (IOException e) {
                // the connection ended; the next one is opened at once
            }
        }
    }

    /** Echoes messages on one connection until it ends or the load stops. */
    private void exchange(Socket s, Random random, BooleanSupplier stop) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] back = new byte[2048];
        while (!stop.getAsBoolean()) {
            byte[] msg = new byte[1 + random.nextInt(2048)];
            random.nextBytes(msg);
            out.write(msg);
            out.flush();
            int got = 0;
            try {
                while (got < msg.length) {
                    int n = in.read(back, got, msg.length - got);
                    if (n < 0) {
                        break;
                    }
                    got += n;
                }
            } catch (SocketTimeoutException e) {
                stalled.incrementAndGet();
                check(msg, back, got);
                return;
            } catch (IOException e) {
                check(msg, back, got);
                cut.incrementAndGet();
                return;
            }
            check(msg, back, got);
            if (got < msg.length) {
                cut.incrementAndGet();
                return;
            }
            messages.incrementAndGet();
        }
    }

    /** Counts the bytes that came back: those equal to what was sent at their offset, and the others. */
    private void check(byte[] sent, byte[] back, int got) {
        long bad = countWrong(sent, back, got);
        wrong.addAndGet(bad);
        bytes.addAndGet(got - bad);
    }

    static long countWrong(byte[] sent, byte[] back, int got) {
        long bad = 0;
        for (int i = 0; i < got; i++) {
            if (back[i] != sent[i]) {
                bad++;
            }
        }
        return bad;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
