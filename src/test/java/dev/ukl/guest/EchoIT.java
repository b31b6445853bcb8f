package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample echo server as a user program in the guest, driven from the host through QEMU. */
class EchoIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    static int freePort() {
        return dev.ukl.vm.PortForward.freeLoopbackPort();
    }

    /**
     * Sends {@code messages} messages of random sizes 1..2048 over {@code connections} concurrent
     * connections and checks every byte comes back, every message of every connection; returns the
     * bytes echoed.
     */
    static long echo(int port, int connections, int messages, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                final int conn = c;
                final int count = messages / connections + (c < messages % connections ? 1 : 0);
                results.add(pool.submit(() -> oneConnection(port, count, new Random(seed + conn))));
            }
            long total = 0;
            for (Future<Long> f : results) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).as("bytes echoed in all").isEqualTo(expectedBytes(connections, messages, seed));
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The bytes {@link #echo} must get back: the same random message sizes, replayed without a server. */
    static long expectedBytes(int connections, int messages, long seed) {
        long total = 0;
        for (int c = 0; c < connections; c++) {
            Random random = new Random(seed + c);
            int count = messages / connections + (c < messages % connections ? 1 : 0);
            for (int i = 0; i < count; i++) {
                byte[] msg = new byte[1 + random.nextInt(2048)];
                random.nextBytes(msg);
                total += msg.length;
            }
        }
        return total;
    }

    private static long oneConnection(int port, int count, Random random) throws IOException {
        long bytes = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < count; i++) {
                byte[] msg = new byte[1 + random.nextInt(2048)];
                random.nextBytes(msg);
                out.write(msg);
                out.flush();
                byte[] back = new byte[msg.length];
                in.readFully(back);
                assertThat(back).as("message %d of %d bytes", i, msg.length).isEqualTo(msg);
                bytes += msg.length;
            }
            s.shutdownOutput();
            InputStream rest = s.getInputStream();
            assertThat(rest.read()).as("nothing more after the last echo").isEqualTo(-1);
        }
        return bytes;
    }

    @Test
    void everyByteOfAThousandMessagesOverTenConnectionsComesBack() throws Exception {
        App app = App.load(project.root().resolve("samples/tcp_server"));
        int port = freePort();
        try (RunningApp run = new AppRunner(pipeline).start(app, Form.USER, new PortForward(port, 5555), null)) {
            Vm vm = run.vm();
            long bytes = echo(port, 10, 1000, 42);
            System.out.println("echo: " + bytes + " bytes in 1000 messages over 10 connections came back intact");
            assertThat(bytes).isEqualTo(expectedBytes(10, 1000, 42));
            assertThat(vm.qmp().status()).isEqualTo("running");
            vm.shutdown();
            assertThat(vm.isAlive()).isFalse();
        }
    }

    @Test
    void theSameServerAsTheUklAppStartedFromTheShell() throws Exception {
        echoThrough(Form.UKL_SHELL);
    }

    @Test
    void theSameServerAsTheUklAppStartedAsInit() throws Exception {
        echoThrough(Form.UKL_INIT);
    }

    private void echoThrough(Form mode) throws Exception {
        App app = App.load(project.root().resolve("samples/tcp_server"));
        int port = freePort();
        try (RunningApp run = new AppRunner(pipeline).start(app, mode, new PortForward(port, 5555), null)) {
            Vm vm = run.vm();
            long bytes = echo(port, 10, 1000, 7);
            System.out.println("echo (" + mode + "): " + bytes + " bytes in 1000 messages over 10 connections came back intact");
            assertThat(bytes).isEqualTo(expectedBytes(10, 1000, 7));
            assertThat(run.output()).anyMatch(l -> l.contains("tcp_server: listening"));
            assertThat(vm.console()).noneMatch(l -> l.contains("Oops") || l.contains("BUG:") || l.contains("WARNING:"));
            vm.shutdown();
        }
    }

    @Test
    void aGuestThatDoesNotComeUpInTimeIsAnErrorWithTheConsoleTail() {
        App app = App.load(project.root().resolve("samples/tcp_server"));
        // No guest boots to its userspace in 50 ms of host time, with or without KVM.
        assertThatThrownBy(() -> new AppRunner(pipeline).bootTimeout(Duration.ofMillis(50))
                .start(app, Form.USER, (PortForward) null, null).close())
                .isInstanceOf(UklException.class)
                .hasMessageContaining("within 50 ms")
                .satisfies(e -> assertThat(((UklException) e).detail()).contains("last lines of the guest console"));
    }
}
