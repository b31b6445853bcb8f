package dev.ukl.cli;

import dev.ukl.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes a user can make get one clear line and a non-zero exit, never a stack trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
    }

    static Outcome ukl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void assertOneCleanError(Outcome o, String expected) {
        assertThat(o.code()).isNotZero();
        assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.err().lines().filter(l -> l.startsWith("ukl: error: ")).toList())
                .singleElement().asString().contains(expected);
    }

    @Test
    void anAppPathThatDoesNotExist() {
        assertOneCleanError(ukl("run", "--userspace", tmp.resolve("nope").toString()), "does not exist");
        assertOneCleanError(ukl("build", tmp.resolve("nope").toString()), "does not exist");
    }

    @Test
    void anAppThatDoesNotCompileShowsTheCompilersMessage() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(app.resolve("main.c"), "int main(void) { return undeclared_thing; }\n");
        Outcome o = ukl("build", app.toString());
        assertOneCleanError(o, "app broken (user program) does not compile");
        assertThat(o.err()).contains("main.c:1").contains("undeclared_thing");
    }

    @Test
    void aMuslAppThatDoesNotCompileShowsTheCompilersMessage() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("broken-musl"));
        Files.writeString(app.resolve("main.c"), "#include <stdio.h>\nint main(void) { puts(missing_name); }\n");
        Files.writeString(app.resolve("ukl.properties"), "libc = musl\n");
        Outcome o = ukl("build", app.toString());
        assertOneCleanError(o, "app broken-musl (user program) does not build with ukl cc");
        assertThat(o.err()).contains("main.c:2").contains("missing_name");
    }

    @Test
    void aSoakSmallerThanOneBatchIsRefused() {
        assertOneCleanError(ukl("soak", "--syscalls", "500"), "--syscalls 0 or at least 10000");
        assertOneCleanError(ukl("soak", "--kills", "-1"), "--kills must be 0 or more");
        assertOneCleanError(ukl("soak", "--kills", "0", "--syscalls", "0", "--echo-minutes", "0"), "nothing to do");
        assertOneCleanError(ukl("soak", "--connections", "0"), "--connections from 1 to 1000");
    }

    @Test
    void aMissingPrerequisiteNamesTheInstallCommand() {
        Outcome o = ukl("doctor", "--also", "ukl-no-such-package");
        assertOneCleanError(o, "apt-get install -y ukl-no-such-package");
        assertThat(o.out()).contains("missing: ukl-no-such-package");
    }

    @Test
    void aHostPortAlreadyInUse() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            assertOneCleanError(ukl("run", "--userspace", "--port", port + ":5555", "samples/tcp_server"),
                    "host port " + port + " is already in use");
        }
    }

    @Test
    void anArchiveTheKernelCannotLinkIsRefusedBeforeTheBuild() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("needs_libc"));
        Files.writeString(app.resolve("main.c"), "#include <string.h>\nint main(int c, char **v) { return strlen(v[0]); }\n");
        Outcome o = ukl("run", app.toString());
        assertOneCleanError(o, "cannot go into the kernel");
        assertThat(o.err()).contains("ukl_strlen: undefined");
    }

    @Test
    void aMissingArchive() {
        assertOneCleanError(ukl("check", tmp.resolve("UKL.a").toString()), "does not exist");
    }

    @Test
    void anArchiveWithProblemsFailsTheCheck() throws Exception {
        Path src = tmp.resolve("s.c");
        Files.writeString(src, "void f(void) { asm volatile(\"syscall\"); }\n");
        Path obj = tmp.resolve("s.o");
        Path ar = tmp.resolve("UKL.a");
        new dev.ukl.app.Compiler(tmp.resolve("log")).object(src, dev.ukl.app.Compiler.UKL_FLAGS, obj, "s");
        new dev.ukl.app.Compiler(tmp.resolve("log")).uklArchive(java.util.List.of(obj), ar);
        Outcome o = ukl("check", ar.toString());
        assertOneCleanError(o, "1 problem(s) found");
        assertThat(o.out()).contains("problem: s.o: .text: ukl_f+0x").contains("syscall instruction");
    }

    @Test
    void anUnknownKernelVariant() {
        assertOneCleanError(ukl("test", "--variant", "nosuch"), "no kernel variant 'nosuch'");
    }

    @Test
    void runWithoutAnAppOrWithAnAppAndAnImage() throws IOException {
        Outcome none = ukl("run");
        assertOneCleanError(none, "give the app to run (or --image FILE)");
        assertThat(none.code()).isEqualTo(125);
        Path image = Files.writeString(tmp.resolve("x.tar"), "not an image");
        assertOneCleanError(ukl("run", "--image", image.toString(), "samples/tcp_server"), "give no APP");
    }

    @Test
    void bareGoesWithAsInitOnly() {
        Outcome o = ukl("run", "samples/tcp_server", "--bare");
        assertThat(o.code()).isEqualTo(125);
        assertOneCleanError(o, "--bare goes with --as-init");
    }

    @Test
    void whatAnImageFixesCannotBeGivenWithIt() throws IOException {
        Path image = Files.writeString(tmp.resolve("x.tar"), "not an image");
        Outcome o = ukl("run", "--image", image.toString(), "-e", "A=1", "--kernel-arg", "quiet", "--as-init");
        assertThat(o.code()).isEqualTo(125);
        assertOneCleanError(o, "-e, --kernel-arg, --as-init cannot change them");
        assertOneCleanError(ukl("run", "--image", image.toString(), "-v", "/tmp", "--userspace"), "-v, --userspace");
    }

    @Test
    void anImageThatIsNotOne() throws IOException {
        Path image = Files.writeString(tmp.resolve("x.tar"), "not an image");
        Outcome o = ukl("run", "--image", image.toString());
        assertThat(o.code()).isEqualTo(125);
        assertOneCleanError(o, "is not an OCI archive");
    }
}
