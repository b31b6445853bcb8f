package dev.ukl.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.image.OciImage;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ukl image samples/tcp_server}: an OCI image that skopeo and umoci read, holding the
 * kernel and initramfs that {@code ukl run --image} boots, which serves the echo test; and the
 * VirtualMachine manifest beside it.
 */
class ImageIT {
    private static final Project PROJECT = Project.locate();
    private static Path archive;
    private static RunCommandIT.Outcome made;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void image() throws Exception {
        RunCommandIT.prerequisites();
        archive = tmp.resolve("tcp.oci.tar");
        made = RunCommandIT.ukl("image", PROJECT.root().resolve("samples/tcp_server").toString(), "-o",
                archive.toString(), "--memory", "256M");
    }

    @Test
    void theArchiveIsAnOciImageWithTheKernelAndInitramfsForTheQemuUser() throws Exception {
        assertThat(made.status()).isZero();
        String digest = made.out().strip();
        JsonNode inspect = new ObjectMapper().readTree(Proc.run(null, List.of("skopeo", "inspect",
                "oci-archive:" + archive)).output());
        assertThat(inspect.path("Digest").asText()).isEqualTo(digest);
        assertThat(inspect.path("Labels").path(OciImage.LABEL_APP).asText()).isEqualTo("tcp_server");

        Path layout = tmp.resolve("layout");
        assertThat(Proc.run(null, List.of("skopeo", "copy", "oci-archive:" + archive, "oci:" + layout + ":tcp")).ok())
                .isTrue();
        Path bundle = tmp.resolve("bundle");
        assertThat(Proc.run(null, List.of("umoci", "unpack", "--image", layout + ":tcp", bundle.toString())).ok())
                .isTrue();
        Path kernel = bundle.resolve("rootfs/boot/vmlinuz");
        Path initrd = bundle.resolve("rootfs/boot/initramfs.cpio.gz");
        assertThat(Files.getAttribute(initrd, "unix:uid")).isEqualTo(107);

        // what ukl run samples/tcp_server boots (it serves, then the bytes are compared)
        Pipeline pipeline = new Pipeline(PROJECT, new java.io.PrintWriter(System.out, true));
        App app = App.load(PROJECT.root().resolve("samples/tcp_server"));
        int runPort = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(app, Form.UKL_SHELL,
                new dev.ukl.vm.PortForward(runPort, 5555), null)) {
            EchoIT.echo(runPort, 2, 50, 30);
            assertThat(Files.mismatch(run.boot().kernel(), kernel)).isEqualTo(-1L);
            assertThat(Files.mismatch(pipeline.imagePath(run.boot().name()), initrd)).isEqualTo(-1L);
            run.vm().shutdown();
        }

        // ukl run --image boots exactly these bytes, and the app serves
        int port = EchoIT.freePort();
        List<String> cmd = new ArrayList<>(List.of("java", "-Dukl.root=" + PROJECT.root(), "-jar",
                PROJECT.root().resolve("target/ukl.jar").toString(), "run", "--image", archive.toString(),
                "--port", port + ":5555"));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("run.out").toFile()).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null && !line.contains("connect to 127.0.0.1:" + port)) {
                System.out.println(line);
            }
            assertThat(line).as("ukl run --image said where to connect").isNotNull();
            long bytes = EchoIT.echo(port, 4, 200, 31);
            System.out.println("echoed " + bytes + " bytes through the image's app");
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
        Path unpacked = PROJECT.build().resolve("images/oci-" + archive.getFileName());
        assertThat(Files.mismatch(unpacked.resolve("vmlinuz"), kernel)).isEqualTo(-1L);
        assertThat(Files.mismatch(unpacked.resolve("initramfs.cpio.gz"), initrd)).isEqualTo(-1L);
        assertThat(Files.readString(tmp.resolve("run.out"))).contains("tcp_server: listening");
    }

    @Test
    void theManifestIsAKubeVirtVirtualMachineThatBootsTheImage() throws Exception {
        assertThat(made.status()).isZero();
        Path manifest = tmp.resolve("tcp-server-vm.yaml");
        JsonNode vm = new ObjectMapper(new YAMLFactory()).readTree(manifest.toFile());
        assertThat(vm.path("apiVersion").asText()).isEqualTo("kubevirt.io/v1");
        assertThat(vm.path("kind").asText()).isEqualTo("VirtualMachine");
        assertThat(vm.path("metadata").path("name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        // KubeVirt's required fields: spec.template, its spec.domain, the domain's devices
        JsonNode domain = vm.path("spec").path("template").path("spec").path("domain");
        assertThat(domain.path("devices").isObject()).isTrue();
        JsonNode boot = domain.path("firmware").path("kernelBoot");
        assertThat(boot.path("container").path("image").asText()).isEqualTo("ukl/tcp-server:latest");
        assertThat(boot.path("container").path("kernelPath").asText()).isEqualTo(OciImage.KERNEL);
        assertThat(boot.path("container").path("initrdPath").asText()).isEqualTo(OciImage.INITRD);
        JsonNode labels = new ObjectMapper().readTree(Proc.run(null, List.of("skopeo", "inspect",
                "oci-archive:" + archive)).output()).path("Labels");
        assertThat(boot.path("kernelArgs").asText()).isEqualTo(labels.path(OciImage.LABEL_CMDLINE).asText())
                .contains("console=ttyS0");
        assertThat(domain.path("memory").path("guest").asText()).isEqualTo("256Mi");
        assertThat(domain.path("devices").path("interfaces").path(0).path("ports").path(0).path("port").asInt())
                .isEqualTo(5555);
        assertThat(vm.path("spec").path("runStrategy").asText()).isEqualTo("Always");
    }
}
