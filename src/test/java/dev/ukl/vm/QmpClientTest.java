package dev.ukl.vm;

import dev.ukl.UklException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The QMP client against a real QEMU. */
class QmpClientTest {
    @TempDir
    Path tmp;
    private Process qemu;

    private QmpClient start() throws Exception {
        Path sock = tmp.resolve("qmp.sock");
        qemu = new ProcessBuilder("qemu-system-x86_64", "-machine", "none", "-display", "none", "-nodefaults",
                "-S", "-qmp", "unix:" + sock + ",server=on,wait=off").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("qemu.out").toFile()).start();
        return QmpClient.connect(sock, Duration.ofSeconds(20), qemu::isAlive);
    }

    @AfterEach
    void stop() {
        if (qemu != null) {
            qemu.destroyForcibly();
        }
    }

    @Test
    void negotiatesQueriesAndQuits() throws Exception {
        try (QmpClient qmp = start()) {
            assertThat(qmp.qemuVersion()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(qmp.status()).isEqualTo("prelaunch");
            qmp.execute("stop");
            qmp.quit();
        }
        assertThat(qemu.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(qemu.exitValue()).isZero();
    }

    @Test
    void qemusErrorsBecomeOneLine() throws Exception {
        try (QmpClient qmp = start()) {
            assertThatThrownBy(() -> qmp.execute("no-such-command"))
                    .isInstanceOf(UklException.class)
                    .hasMessageStartingWith("QMP no-such-command: ")
                    .hasMessageContaining("has not been found");
            assertThat(qmp.status()).isEqualTo("prelaunch");
        }
    }

    /**
     * QEMU can send an event ahead of the greeting to a client that connects as the machine
     * starts; this is the order a CI run captured (then the greeting this machine's QEMU sends).
     */
    @Test
    void anEventAheadOfTheGreetingIsKeptNotAnError() throws Exception {
        Path sock = tmp.resolve("early.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread qemuSide = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    write(c, "{\"timestamp\":{\"seconds\":1795817312,\"microseconds\":139312},\"event\":\"RESUME\"}");
                    write(c, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                            + "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}");
                    ByteBuffer request = ByteBuffer.allocate(256);
                    c.read(request);
                    write(c, "{\"return\":{}}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            qemuSide.start();
            try (QmpClient qmp = QmpClient.connect(sock, Duration.ofSeconds(5))) {
                assertThat(qmp.qemuVersion()).isEqualTo("7.2.22");
                assertThat(qmp.events()).extracting(e -> e.path("event").asText()).containsExactly("RESUME");
            }
            qemuSide.join(5000);
        }
    }

    private static void write(SocketChannel c, String line) throws IOException {
        c.write(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMissingSocketTimesOutWithAClearMessage() {
        assertThatThrownBy(() -> QmpClient.connect(tmp.resolve("nothing.sock"), Duration.ofMillis(300)))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("cannot connect to QEMU's QMP socket");
    }
}
