package dev.ukl.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VmManifestTest {
    private static JsonNode parse(VmManifest m) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(m.yaml());
    }

    @Test
    void namesAreKubernetesObjectNames() {
        assertThat(VmManifest.objectName("tcp_server")).isEqualTo("tcp-server");
        assertThat(VmManifest.objectName("_Kv.Store_")).isEqualTo("kv-store");
        assertThat(VmManifest.objectName("x".repeat(80))).hasSize(63);
        assertThat(VmManifest.objectName("___")).isEqualTo("ukl-app");
    }

    @Test
    void aServerRunsAlwaysAndOpensItsPort() throws Exception {
        JsonNode vm = parse(new VmManifest("tcp-server", "reg.example/ukl/tcp:1", "console=ttyS0 rdinit=/init",
                1024, 2, 5555));
        JsonNode spec = vm.path("spec").path("template").path("spec");
        assertThat(vm.path("spec").path("runStrategy").asText()).isEqualTo("Always");
        assertThat(spec.path("domain").path("cpu").path("cores").asInt()).isEqualTo(2);
        assertThat(spec.path("domain").path("resources").path("requests").path("memory").asText()).isEqualTo("1024Mi");
        assertThat(spec.path("domain").path("firmware").path("kernelBoot").path("kernelArgs").asText())
                .isEqualTo("console=ttyS0 rdinit=/init");
        assertThat(spec.path("domain").path("devices").path("interfaces").path(0).path("masquerade").isObject()).isTrue();
        assertThat(spec.path("networks").path(0).path("pod").isObject()).isTrue();
        assertThat(spec.path("domain").path("devices").path("interfaces").path(0).path("ports").path(0)
                .path("port").asInt()).isEqualTo(5555);
    }

    @Test
    void aProgramThatEndsRunsOnceWithoutPorts() throws Exception {
        JsonNode vm = parse(new VmManifest("args", "ukl/args:latest", "console=ttyS0", 512, 1, 0));
        assertThat(vm.path("spec").path("runStrategy").asText()).isEqualTo("Once");
        assertThat(vm.path("spec").path("template").path("spec").path("domain").path("devices").path("interfaces")
                .path(0).has("ports")).isFalse();
    }
}
