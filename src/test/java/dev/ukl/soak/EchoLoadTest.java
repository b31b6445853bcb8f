package dev.ukl.soak;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The echo soak's host load against real TCP servers on loopback that die and lie. */
class EchoLoadTest {
    /** An echo server on loopback; {@code corruptEvery} > 0 flips every Nth byte it echoes. */
    static final class Server implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> open = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        Server(int corruptEvery) throws IOException {
            acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        open.add(s);
                        Thread t = new Thread(() -> serve(s, corruptEvery));
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** What a SIGKILL of the server does to its connections: all closed at once. */
        void killConnections() {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            open.clear();
        }

        private static void serve(Socket s, int corruptEvery) {
            long count = 0;
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (corruptEvery > 0 && ++count % corruptEvery == 0) {
                            buf[i] ^= 1;
                        }
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the connection was killed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            killConnections();
        }
    }

    @Test
    void aServerKilledOverAndOverCutsMessagesButNoByteComesBackWrong() throws Exception {
        try (Server server = new Server(0)) {
            long end = System.nanoTime() + 3_000_000_000L;
            Thread killer = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    server.killConnections();
                }
            });
            killer.start();
            EchoLoad.Figures f = new EchoLoad(server.port(), 8, 5).run(() -> System.nanoTime() > end);
            killer.join();
            assertThat(f.wrongBytes()).isZero();
            assertThat(f.messages()).isPositive();
            assertThat(f.opened()).as("connections opened again after kills").isGreaterThan(8);
            assertThat(f.bytes()).isGreaterThanOrEqualTo(f.messages());
            assertThat(f.line()).contains("8 connections").contains(" 0 wrong bytes");
        }
    }

    @Test
    void aServerThatChangesBytesIsCaughtByteByByte() throws Exception {
        try (Server server = new Server(1000)) {
            long end = System.nanoTime() + 1_000_000_000L;
            EchoLoad.Figures f = new EchoLoad(server.port(), 2, 9).run(() -> System.nanoTime() > end);
            assertThat(f.wrongBytes()).isPositive();
            // one byte in a thousand of all that came back, give or take one per connection
            long back = f.bytes() + f.wrongBytes();
            assertThat(f.wrongBytes() * 1000).isBetween(back - 2000, back + 2000);
        }
    }

    @Test
    void noServerIsRefusedConnectionsNotWrongBytes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long end = System.nanoTime() + 500_000_000L;
        EchoLoad.Figures f = new EchoLoad(port, 3, 1).run(() -> System.nanoTime() > end);
        assertThat(f.refused()).isPositive();
        assertThat(f.opened()).isZero();
        assertThat(f.messages()).isZero();
        assertThat(f.wrongBytes()).isZero();
    }

    @Test
    void countWrongComparesOnlyTheBytesThatCameBack() {
        byte[] sent = {1, 2, 3, 4};
        assertThat(EchoLoad.countWrong(sent, new byte[] {1, 2, 9, 9}, 2)).isZero();
        assertThat(EchoLoad.countWrong(sent, new byte[] {1, 0, 3, 0}, 4)).isEqualTo(2);
    }
}
