package dev.ukl.bench;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host side of ukl bench echo against real loopback servers. */
class EchoRequestsTest {
    /** Serves each connection on its own thread; {@code flip} corrupts every answer's first byte. */
    private static ServerSocket server(boolean flip, int closeAfter) throws Exception {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            byte[] b = new byte[EchoRequests.SIZE];
                            for (int served = 0; served < closeAfter; served++) {
                                int got = 0;
                                while (got < b.length) {
                                    int n = in.read(b, got, b.length - got);
                                    if (n < 0) {
                                        return;
                                    }
                                    got += n;
                                }
                                if (flip) {
                                    b[0] ^= 1;
                                }
                                out.write(b);
                            }
                        } catch (Exception e) {
                            // the client went away
                        }
                    }).start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss;
    }

    @Test
    void everyRequestOfEveryConnectionComesBack() throws Exception {
        try (ServerSocket ss = server(false, Integer.MAX_VALUE)) {
            assertThat(new EchoRequests(ss.getLocalPort(), 4, 250).run()).isEqualTo(1000);
        }
    }

    @Test
    void aWrongAnswerIsNotCounted() throws Exception {
        try (ServerSocket ss = server(true, Integer.MAX_VALUE)) {
            assertThat(new EchoRequests(ss.getLocalPort(), 2, 10).run()).isZero();
        }
    }

    @Test
    void aServerThatHangsUpIsAnError() throws Exception {
        try (ServerSocket ss = server(false, 3)) {
            assertThatThrownBy(() -> new EchoRequests(ss.getLocalPort(), 1, 10).run())
                    .isInstanceOf(UklException.class).hasMessageContaining("closed after 3 requests");
        }
    }

    @Test
    void theTableSetsEveryFormAgainstTheFirst() {
        String t = EchoBench.table(List.of(new EchoBench.Result("user", 1000, 500_000, 20_500_000),
                new EchoBench.Result("ukl", 1000, 400_000, 16_400_000)));
        assertThat(t).contains("user", "20000.0", "100.0%").contains("16000.0", "80.0%");
    }
}
