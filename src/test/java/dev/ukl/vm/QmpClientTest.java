package dev.ukl.vm;

import dev.ukl.UklException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aMissingSocketTimesOutWithAClearMessage() {
        assertThatThrownBy(() -> QmpClient.connect(tmp.resolve("nothing.sock"), Duration.ofMillis(300)))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("cannot connect to QEMU's QMP socket");
    }
}
