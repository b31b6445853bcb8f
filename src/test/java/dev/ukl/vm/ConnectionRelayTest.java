package dev.ukl.vm;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay in front of a listener like QEMU's: backlog one, accepting slowly. A burst of
 * clients all get through, every byte both ways, and a half-close reaches the other end.
 */
class ConnectionRelayTest {
    /** Accepts one connection every 20 ms; each answers with what it read, upper-cased, after its EOF. */
    private static ServerSocket slowServer() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Thread.sleep(20);
                    Socket c = s.accept();
                    Thread h = new Thread(() -> {
                        try (c) {
                            byte[] all = c.getInputStream().readAllBytes();
                            c.getOutputStream().write(new String(all, StandardCharsets.UTF_8).toUpperCase()
                                    .getBytes(StandardCharsets.UTF_8));
                        } catch (IOException ignored) {
                            // the test sees it as a wrong answer
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void aBurstOfClientsAllGetThroughWithEveryByte() throws Exception {
        int clients = 60;
        try (ServerSocket server = slowServer();
             ConnectionRelay relay = ConnectionRelay.start(new PortForward(PortForward.freeLoopbackPort(), 6379),
                     server.getLocalPort())) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String message = "client " + i + " " + "x".repeat(i * 1000);
                answers.add(pool.submit(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port()), 10_000);
                        s.setSoTimeout(60_000);
                        s.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
                        s.shutdownOutput();
                        InputStream in = s.getInputStream();
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(("client " + i + " "
                        + "x".repeat(i * 1000)).toUpperCase());
            }
            pool.shutdown();
        }
    }

    @Test
    void aPortInUseIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ConnectionRelay.start(new PortForward(taken.getLocalPort(), 6379), 1))
                    .isInstanceOf(UklException.class).hasMessageContaining("already in use");
        }
    }

    @Test
    void whenNothingListensBehindItTheClientSeesItsConnectionClose() throws Exception {
        int nothing = PortForward.freeLoopbackPort();
        try (ConnectionRelay relay = ConnectionRelay.start(new PortForward(PortForward.freeLoopbackPort(), 80),
                nothing); Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port()), 5_000);
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
