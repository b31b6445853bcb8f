package dev.ukl.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A container image that carries a kernel and its initramfs for a VM to boot, in the layout
 * KubeVirt's kernel boot reads ({@code spec.domain.firmware.kernelBoot.container}): both files
 * under /boot/, owned by uid/gid 107 (the qemu user there) and readable by everyone, in one
 * layer over an empty base. Built by Jib without a Docker daemon, as an OCI image whose bytes
 * depend only on the two files and the labels (every time is the epoch), so the same kernel and
 * app always give the same digest.
 */
public final class OciImage {
    public static final String KERNEL = "/boot/vmlinuz";
    public static final String INITRD = "/boot/initramfs.cpio.gz";
    /** KubeVirt runs QEMU as uid and gid 107. */
    public static final String OWNER = "107:107";
    public static final String LABEL_APP = "dev.ukl.app";
    public static final String LABEL_FORM = "dev.ukl.form";
    public static final String LABEL_CMDLINE = "dev.ukl.kernel-cmdline";
    public static final String LABEL_PORT = "dev.ukl.port";

    /** What was written or pushed: the image's manifest digest and its config's digest (the image id). */
    public record Result(String reference, String digest, String imageId) {
    }

    private final Path kernel;
    private final Path initrd;
    private final Map<String, String> labels;
    private final Path cache;

    /** {@code cache} is Jib's layer cache, a directory of the project's build tree. */
    public OciImage(Path kernel, Path initrd, Map<String, String> labels, Path cache) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.labels = Map.copyOf(labels);
        this.cache = cache;
    }

    private JibContainerBuilder builder() {
        FilePermissions readable = FilePermissions.fromOctalString("444");
        FileEntriesLayer boot = FileEntriesLayer.builder().setName("boot")
                .addEntry(kernel, AbsoluteUnixPath.get(KERNEL), readable, Instant.EPOCH, OWNER)
                .addEntry(initrd, AbsoluteUnixPath.get(INITRD), readable, Instant.EPOCH, OWNER)
                .build();
        return Jib.fromScratch().setFormat(ImageFormat.OCI).setCreationTime(Instant.EPOCH)
                .addFileEntriesLayer(boot).setLabels(labels);
    }

    /** Writes the image as an OCI archive (what skopeo calls oci-archive:) named {@code reference}. */
    public Result writeArchive(Path out, String reference) {
        return containerize(reference, "write the image " + out,
                () -> Containerizer.to(TarImage.at(out).named(reference)));
    }

    /**
     * Pushes the image to a registry. A registry on this machine (localhost, 127.0.0.1) may
     * speak plain HTTP; any other must speak HTTPS.
     */
    public Result push(String reference) {
        return containerize(reference, "push " + reference, () -> {
            String registry = ImageReference.parse(reference).getRegistry();
            boolean local = registry.startsWith("localhost") || registry.startsWith("127.0.0.1");
            return Containerizer.to(RegistryImage.named(reference)).setAllowInsecureRegistries(local);
        });
    }

    /** Where an image goes; may reject the reference. */
    private interface Target {
        Containerizer containerizer() throws InvalidImageReferenceException;
    }

    private Result containerize(String reference, String what, Target target) {
        try {
            JibContainer c = builder().containerize(target.containerizer().setToolName("ukl")
                    .setApplicationLayersCache(cache).setBaseImageLayersCache(cache));
            return new Result(reference, c.getDigest().toString(), c.getImageId().toString());
        } catch (InvalidImageReferenceException e) {
            throw new UklException("'" + reference + "' is not an image reference (e.g. registry.example/ukl/app:1)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UklException("interrupted: cannot " + what, e);
        } catch (IOException | RegistryException | CacheDirectoryCreationException | ExecutionException e) {
            throw new UklException("cannot " + what + ": " + cause(e), e);
        }
    }

    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
