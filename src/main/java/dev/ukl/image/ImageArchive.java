package dev.ukl.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ukl.UklException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an OCI archive (an OCI image layout in a tar, as {@link OciImage} writes it) the way a
 * cluster's kernel boot would: the image's files, from its layers in order, and its labels.
 */
public final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, byte[]> files;
    private final Map<String, String> labels;

    private ImageArchive(Map<String, byte[]> files, Map<String, String> labels) {
        this.files = files;
        this.labels = labels;
    }

    public static ImageArchive read(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new UklException("image " + archive + " does not exist");
        }
        try {
            Map<String, byte[]> entries = new HashMap<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (e.isFile()) {
                        entries.put(e.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
                    }
                }
            }
            byte[] index = entries.get("index.json");
            if (index == null || !entries.containsKey("oci-layout")) {
                throw new UklException(archive + " is not an OCI archive (no oci-layout and index.json)");
            }
            JsonNode manifest = JSON.readTree(blob(entries, JSON.readTree(index).path("manifests").path(0), archive));
            JsonNode config = JSON.readTree(blob(entries, manifest.path("config"), archive));
            Map<String, String> labels = new LinkedHashMap<>();
            config.path("config").path("Labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            Map<String, byte[]> files = new HashMap<>();
            for (JsonNode layer : manifest.path("layers")) {
                byte[] data = blob(entries, layer, archive);
                InputStream in = new ByteArrayInputStream(data);
                if (layer.path("mediaType").asText().endsWith("gzip")) {
                    in = new GzipCompressorInputStream(in);
                }
                try (TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                    TarArchiveEntry e;
                    while ((e = t.getNextEntry()) != null) {
                        if (e.isFile()) {
                            files.put("/" + e.getName().replaceFirst("^\\.?/", ""), t.readAllBytes());
                        }
                    }
                }
            }
            return new ImageArchive(files, labels);
        } catch (IOException e) {
            throw new UklException("cannot read the image " + archive + ": " + e.getMessage(), e);
        }
    }

    private static byte[] blob(Map<String, byte[]> entries, JsonNode descriptor, Path archive) {
        String digest = descriptor.path("digest").asText();
        byte[] b = entries.get("blobs/" + digest.replace(':', '/'));
        if (b == null) {
            throw new UklException(archive + " lacks the blob " + (digest.isEmpty() ? "(no digest)" : digest));
        }
        return b;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** A file of the image, by absolute path. */
    public byte[] file(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new UklException("the image has no " + path + " (not an image that 'ukl image' made?)");
        }
        return b;
    }

    /** A label the image must have. */
    public String label(String name) {
        String v = labels.get(name);
        if (v == null) {
            throw new UklException("the image has no label " + name + " (not an image that 'ukl image' made?)");
        }
        return v;
    }
}
