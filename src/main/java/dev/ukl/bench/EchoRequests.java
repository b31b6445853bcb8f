package dev.ukl.bench;

import dev.ukl.UklException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Request-response load on an echo server from the host: each connection sends a 64-byte
 * request, reads the 64 bytes back and checks them, a fixed number of times; the connections
 * run side by side. Returns how many requests came back whole; timed, also the wall time of the
 * whole load and every request's round trip.
 */
public final class EchoRequests {
    static final int SIZE = 64;
    private final int port;
    private final int connections;
    private final int perConnection;

    public EchoRequests(int port, int connections, int perConnection) {
        if (connections < 1 || perConnection < 1) {
            throw new UklException("the echo load needs at least one connection and one request");
        }
        this.port = port;
        this.connections = connections;
        this.perConnection = perConnection;
    }

    /** A timed load: requests that came back whole, the load's wall time, the round trips in nanoseconds. */
    public record Timed(long requests, long nanos, Histogram roundTrips) {
        public double perSecond() {
            return requests * 1e9 / nanos;
        }

        /** A round trip's percentile, in microseconds. */
        public double micros(double percentile) {
            return roundTrips.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** The load, every request's round trip recorded (from all connections at once). */
    public Timed runTimed() {
        Recorder recorder = new Recorder(3);
        long t0 = System.nanoTime();
        long ok = run(recorder);
        long nanos = System.nanoTime() - t0;
        return new Timed(ok, nanos, recorder.getIntervalHistogram());
    }

    /** The load, untimed: the requests that came back whole. */
    public long run() {
        return run(null);
    }

    private long run(Recorder recorder) {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int id = c;
                done.add(pool.submit(() -> connection(id, recorder)));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get();
            }
            return total;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UklException("echo request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UklException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One connection's requests; their round trips go to {@code recorder} unless it is null. */
    long connection(int id, Recorder recorder) throws IOException {
        byte[] request = new byte[SIZE];
        byte[] answer = new byte[SIZE];
        long ok = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < perConnection; i++) {
                Arrays.fill(request, (byte) ('a' + (id + i) % 26));
                long sent = System.nanoTime();
                out.write(request);
                out.flush();
                int got = 0;
                while (got < SIZE) {
                    int n = in.read(answer, got, SIZE - got);
                    if (n < 0) {
                        throw new IOException("connection " + id + " closed after " + ok + " requests");
                    }
                    got += n;
                }
                if (recorder != null) {
                    recorder.recordValue(System.nanoTime() - sent);
                }
                if (Arrays.equals(request, answer)) {
                    ok++;
                }
            }
        }
        return ok;
    }
}
