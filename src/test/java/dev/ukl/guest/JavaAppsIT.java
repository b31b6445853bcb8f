package dev.ukl.guest;

import dev.ukl.suite.GuestTests;
import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.ktap.TestResult;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java apps end to end: Maven project, TeaVM's C, ukl cc both ways, the UKL kernel, the guest.
 */
class JavaAppsIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @TempDir
    Path tmp;

    @Test
    void aPlainJavaProgramGivesTheSameOutputInBothForms() throws Exception {
        TestResult r = new GuestTests(pipeline).runJava("plain", "plain.sh", "it-java-plain", null);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).extracting(TestResult::name)
                .containsExactly("user_form_completes", "ukl_output_identical");
        String console = String.join("\n", Files.readAllLines(pipeline.consoleLog("it-java-plain")));
        assertThat(console).contains("# ukl: caught: not a number: x7 (cause NumberFormatException)")
                .contains("# ukl: null pointer caught")
                .contains("# ukl: allocated 2048 MiB in total, checksum -1024, kept 8 blocks")
                .contains("# ukl: done\n# ukl: exit 0");
    }

    @Test
    void aJavaGuestTestRunsAtCpl0AsTheUklAppAndAtCpl3AsAUserProgram() {
        TestResult r = new GuestTests(pipeline).runJava("cpl", "cpl.sh", "it-java-cpl", null);
        assertThat(r.ok()).isTrue();
        TestResult user = r.subtests().get(0);
        TestResult ukl = r.subtests().get(1);
        assertThat(user.name()).isEqualTo("java_user_form");
        assertThat(user.subtests()).extracting(TestResult::name)
                .containsExactly("runs_at_cpl3", "pipe_round_trip", "raw_syscalls", "tcp_loopback");
        assertThat(ukl.name()).isEqualTo("java_ukl");
        assertThat(ukl.subtests()).extracting(TestResult::name)
                .containsExactly("runs_at_cpl0", "pipe_round_trip", "raw_syscalls", "tcp_loopback");
    }

    @Test
    void theJavaEchoServerEchoesEveryByteAsTheUklApp() throws Exception {
        echoes(Form.UKL_SHELL, 21, "echo: listening on port 5555 (Java, CPL 0)");
    }

    @Test
    void theJavaEchoServerEchoesEveryByteAsAUserProgram() throws Exception {
        echoes(Form.USER, 22, "echo: listening on port 5555 (Java, CPL 3)");
    }

    /** samples/java-echo in one form: 1,000 messages of random sizes over 10 connections. */
    private void echoes(Form mode, long seed, String banner) throws Exception {
        App app = App.load(project.root().resolve("samples/java-echo"));
        assertThat(app.kind()).isEqualTo(App.Kind.JAVA);
        int port = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(app, mode, new PortForward(port, 5555), null)) {
            Vm vm = run.vm();
            long bytes = EchoIT.echo(port, 10, 1000, seed);
            System.out.println("java-echo, " + mode + ": " + bytes + " bytes echoed intact");
            assertThat(run.output()).anyMatch(l -> l.contains(banner));
            vm.shutdown();
        }
    }

    @Test
    void aJarWithAMainClassIsAJavaAppToo() throws Exception {
        Path plain = project.guest().resolve("java/plain");
        new AppBuilder(project, tmp.resolve("apps")).build(App.load(plain));
        Path jar = tmp.resolve("plain-app.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "plain.Main");
        Path classes = plain.resolve("target/classes");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
             var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        App app = App.load(jar);
        assertThat(app.kind()).isEqualTo(App.Kind.JAVA);
        assertThat(app.main()).isEqualTo("plain.Main");
        assertThat(app.name()).isEqualTo("plain-app");
        AppBuilder.Built built = new AppBuilder(project, tmp.resolve("apps")).build(app);
        assertThat(built.uklArchive()).exists();
        dev.ukl.util.Proc.Result run = dev.ukl.util.Proc.run(null, java.util.List.of(
                built.requireUserProgram().toString()));
        assertThat(run.ok()).isTrue();
        assertThat(run.output()).contains("null pointer caught").endsWith("done\n");
    }

    @Test
    void aClassTeaVmDoesNotOfferStopsTheBuildNamingClassAndMethod() throws Exception {
        Path dir = tmp.resolve("uses-socket");
        Files.createDirectories(dir.resolve("src/main/java/bad"));
        Files.copy(project.guest().resolve("java/plain/pom.xml"), dir.resolve("pom.xml"));
        Files.writeString(dir.resolve("ukl.properties"), "name = uses-socket\nmain = bad.Client\n");
        Files.writeString(dir.resolve("src/main/java/bad/Client.java"), """
                package bad;

                public final class Client {
                    public static void main(String[] args) throws Exception {
                        try (java.net.Socket s = new java.net.Socket("127.0.0.1", 80)) {
                            System.out.println(s.isConnected());
                        }
                    }
                }
                """);
        App app = App.load(dir);
        assertThatThrownBy(() -> new AppBuilder(project, tmp.resolve("apps")).build(app))
                .isInstanceOf(UklException.class)
                .hasMessageStartingWith("TeaVM cannot compile Java app uses-socket: Class java.net.Socket was not found")
                .hasMessageContaining("at bad.Client.main(Client.java:5)");
    }
}
