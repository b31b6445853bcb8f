package dev.ukl.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images as the tools of a cluster see them: skopeo reads the archive, umoci unpacks it with
 * the kernel and initramfs byte for byte and owned by the qemu user, a registry on 127.0.0.1
 * takes a push and gives back the same digest. The files here are stand-ins; ImageIT boots a
 * real one.
 */
class OciImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path kernel;
    private static Path initrd;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void files() throws IOException {
        Project project = Project.locate();
        new Pipeline(project, new java.io.PrintWriter(System.out, true)).ensurePrerequisites();
        byte[] k = new byte[300_000];
        new java.util.Random(1).nextBytes(k);
        kernel = Files.write(tmp.resolve("bzImage"), k);
        initrd = Files.writeString(tmp.resolve("initrd.gz"), "an initramfs stand-in\n");
    }

    private static OciImage image(String cmdline) {
        return new OciImage(kernel, initrd, Map.of(OciImage.LABEL_APP, "demo", OciImage.LABEL_FORM, "ukl-shell",
                OciImage.LABEL_CMDLINE, cmdline), tmp.resolve("cache"));
    }

    static String run(String... cmd) {
        Proc.Result r = Proc.run(null, List.of(cmd));
        assertThat(r.ok()).as(String.join(" ", cmd) + "\n" + r.output()).isTrue();
        return r.output();
    }

    @Test
    void skopeoReadsItAndUmociUnpacksTheFilesAsTheyWere() throws IOException {
        Path archive = tmp.resolve("demo.oci.tar");
        OciImage.Result written = image("console=ttyS0").writeArchive(archive, "ukl/demo:latest");
        JsonNode inspect = JSON.readTree(run("skopeo", "inspect", "oci-archive:" + archive));
        assertThat(inspect.path("Digest").asText()).isEqualTo(written.digest());
        assertThat(inspect.path("Labels").path(OciImage.LABEL_CMDLINE).asText()).isEqualTo("console=ttyS0");
        assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");

        Path layout = tmp.resolve("layout");
        run("skopeo", "copy", "oci-archive:" + archive, "oci:" + layout + ":demo");
        Path bundle = tmp.resolve("bundle");
        run("umoci", "unpack", "--image", layout + ":demo", bundle.toString());
        Path rootfs = bundle.resolve("rootfs");
        for (Map.Entry<String, Path> f : Map.of(OciImage.KERNEL, kernel, OciImage.INITRD, initrd).entrySet()) {
            Path unpacked = rootfs.resolve(f.getKey().substring(1));
            assertThat(Files.mismatch(unpacked, f.getValue())).as(f.getKey()).isEqualTo(-1L);
            assertThat(Files.getAttribute(unpacked, "unix:uid")).isEqualTo(107);
            assertThat(Files.getAttribute(unpacked, "unix:gid")).isEqualTo(107);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked))).isEqualTo("r--r--r--");
        }
        // what 'ukl run --image' reads is what umoci unpacked
        ImageArchive read = ImageArchive.read(archive);
        assertThat(read.file(OciImage.KERNEL)).isEqualTo(Files.readAllBytes(kernel));
        assertThat(read.label(OciImage.LABEL_FORM)).isEqualTo("ukl-shell");
    }

    @Test
    void theSameFilesGiveTheSameDigest() {
        OciImage.Result a = image("console=ttyS0").writeArchive(tmp.resolve("a.tar"), "ukl/demo:latest");
        OciImage.Result b = image("console=ttyS0").writeArchive(tmp.resolve("b.tar"), "ukl/demo:latest");
        OciImage.Result c = image("console=ttyS0 quiet").writeArchive(tmp.resolve("c.tar"), "ukl/demo:latest");
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(c.digest()).isNotEqualTo(a.digest());
    }

    @Test
    void aPushToALocalRegistryAndAPullBackGiveTheSameDigest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(tmp.resolve("registry.yml"), """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(tmp.resolve("registry-data"), port));
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        try {
            waitForPort(port);
            String ref = "127.0.0.1:" + port + "/ukl/demo:1";
            OciImage.Result pushed = image("console=ttyS0").push(ref);
            OciImage.Result local = image("console=ttyS0").writeArchive(tmp.resolve("local.tar"), ref);
            assertThat(pushed.digest()).isEqualTo(local.digest());
            JsonNode remote = JSON.readTree(run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref));
            assertThat(remote.path("Digest").asText()).isEqualTo(pushed.digest());
            Path pulled = tmp.resolve("pulled.tar");
            run("skopeo", "copy", "--src-tls-verify=false", "docker://" + ref, "oci-archive:" + pulled);
            JsonNode back = JSON.readTree(run("skopeo", "inspect", "oci-archive:" + pulled));
            assertThat(back.path("Digest").asText()).isEqualTo(pushed.digest());
            assertThat(ImageArchive.read(pulled).file(OciImage.INITRD)).isEqualTo(Files.readAllBytes(initrd));
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Until the registry listens: at most 60 s, which a loaded 2-core host needs at worst. */
    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the registry did not listen on 127.0.0.1:" + port);
    }
}
