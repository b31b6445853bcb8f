package dev.ukl.vm;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QemuCommandTest {
    private final QemuConfig base = QemuConfig.of(Path.of("/k/bzImage"), Path.of("/k/initrd.gz"), "console=ttyS0");

    @Test
    void tcgBootWithExitDeviceAndLoopbackOnlyForwards() {
        List<String> cmd = QemuCommand.build(base.withForwards(List.of(new PortForward(6000, 5555))));
        String line = String.join(" ", cmd);
        assertThat(cmd.get(0)).isEqualTo("qemu-system-x86_64");
        assertThat(line).contains("-accel tcg").contains("-kernel /k/bzImage").contains("-initrd /k/initrd.gz")
                .contains("-append console=ttyS0").contains("-no-reboot")
                .contains("isa-debug-exit,iobase=0xf4,iosize=0x04")
                .contains("hostfwd=tcp:127.0.0.1:6000-:5555")
                .contains("restrict=on")
                .doesNotContain("-icount");
        assertThat(cmd).containsSequence("-append", "console=ttyS0");
    }

    @Test
    void icountIsDeterministicTcg() {
        List<String> cmd = QemuCommand.build(base.withAccelerator(QemuConfig.Accelerator.KVM).withIcount(true));
        assertThat(cmd).containsSequence("-icount", "shift=0,sleep=off");
        assertThat(cmd).containsSequence("-accel", "tcg");
        assertThat(String.join(" ", cmd)).contains("rdrand=off").contains("clock=vm");
    }

    @Test
    void kvmUsesTheHostCpu() {
        List<String> cmd = QemuCommand.build(base.withAccelerator(QemuConfig.Accelerator.KVM).withQmp(Path.of("/r/q")));
        assertThat(cmd).containsSequence("-accel", "kvm", "-cpu", "host");
        assertThat(cmd).containsSequence("-qmp", "unix:/r/q,server=on,wait=off");
    }

    @Test
    void serialFilesAreTheGuestsTtyS1AndOnAfterTheConsole() {
        List<String> cmd = QemuCommand.build(base.withSerialFiles(List.of(Path.of("/l/out"), Path.of("/l/err"))));
        assertThat(cmd).containsSequence("-serial", "stdio", "-serial", "file:/l/out", "-serial", "file:/l/err");
        assertThatThrownBy(() -> base.withSerialFiles(List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryAndCpusAreQemus() {
        assertThat(QemuCommand.build(base.withMemory(1024).withCpus(2))).containsSequence("-m", "1024M", "-smp", "2");
    }

    @Test
    void guestStatusComesFromTheExitDevice() {
        assertThat(QemuCommand.guestStatus(1)).isZero();
        assertThat(QemuCommand.guestStatus(7)).isEqualTo(3);
        assertThat(QemuCommand.guestStatus(0)).isEqualTo(-1);
    }

    @Test
    void portForwardsParseAndRefuseBusyPorts() throws IOException {
        assertThat(PortForward.parse("8080:80")).isEqualTo(new PortForward(8080, 80));
        assertThat(PortForward.parse("5555")).isEqualTo(new PortForward(5555, 5555));
        assertThatThrownBy(() -> PortForward.parse("x:1")).isInstanceOf(UklException.class)
                .hasMessageContaining("expected HOST:GUEST");
        assertThatThrownBy(() -> PortForward.parse("70000:1")).isInstanceOf(UklException.class);
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PortForward f = new PortForward(busy.getLocalPort(), 5555);
            assertThatThrownBy(f::checkFree).isInstanceOf(UklException.class)
                    .hasMessageContaining("host port " + busy.getLocalPort() + " is already in use");
        }
    }
}
