package dev.ukl.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A KubeVirt VirtualMachine that boots an image {@link OciImage} made: kernel boot from the
 * container image (kernelPath, initrdPath, kernelArgs), the memory and CPUs asked for, the
 * serial console (where the app's output and exit status go), and the pod network with the
 * app's port. KubeVirt's masquerade binding gives the guest 10.0.2.15 behind 10.0.2.2, the
 * addresses the guest's init configures. A server runs always; a program that ends runs once.
 */
public record VmManifest(String name, String image, String kernelArgs, int memoryMb, int cpus, int port) {
    public static final String API_VERSION = "kubevirt.io/v1";
    public static final String KIND = "VirtualMachine";

    /** A Kubernetes object name (RFC 1123 label) made from an app name. */
    public static String objectName(String app) {
        String n = app.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        n = n.length() > 63 ? n.substring(0, 63).replaceAll("-+$", "") : n;
        return n.isEmpty() ? "ukl-app" : n;
    }

    public String yaml() {
        ObjectMapper m = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        ObjectNode root = m.createObjectNode();
        root.put("apiVersion", API_VERSION).put("kind", KIND);
        ObjectNode meta = root.putObject("metadata");
        meta.put("name", name);
        meta.putObject("labels").put("app.kubernetes.io/name", name).put("app.kubernetes.io/managed-by", "ukl");
        ObjectNode spec = root.putObject("spec");
        spec.put("runStrategy", port > 0 ? "Always" : "Once");
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("kubevirt.io/domain", name);
        ObjectNode vmi = template.putObject("spec");
        ObjectNode domain = vmi.putObject("domain");
        domain.putObject("cpu").put("cores", cpus);
        domain.putObject("memory").put("guest", memoryMb + "Mi");
        domain.putObject("resources").putObject("requests").put("memory", memoryMb + "Mi");
        ObjectNode kernelBoot = domain.putObject("firmware").putObject("kernelBoot");
        kernelBoot.put("kernelArgs", kernelArgs);
        kernelBoot.putObject("container").put("image", image).put("kernelPath", OciImage.KERNEL)
                .put("initrdPath", OciImage.INITRD).put("imagePullPolicy", "IfNotPresent");
        ObjectNode devices = domain.putObject("devices");
        devices.put("autoattachSerialConsole", true);
        ObjectNode iface = devices.putArray("interfaces").addObject();
        iface.put("name", "default").put("model", "virtio");
        iface.putObject("masquerade");
        if (port > 0) {
            iface.putArray("ports").addObject().put("name", "app").put("port", port).put("protocol", "TCP");
        }
        ArrayNode networks = vmi.putArray("networks");
        networks.addObject().put("name", "default").putObject("pod");
        try {
            return m.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path write(Path file) {
        try {
            Files.writeString(file, yaml());
            return file;
        } catch (IOException e) {
            throw new UklException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
