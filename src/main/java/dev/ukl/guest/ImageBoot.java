package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.image.ImageArchive;
import dev.ukl.image.OciImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Boots an image that {@code ukl image} made, as a cluster would: its kernel and initramfs
 * straight from the image's /boot/, its kernel command line from its label, nothing rebuilt.
 * The app writes to the console (a cluster's VM has only that), so its lines and status are
 * read from there.
 */
public final class ImageBoot {
    private ImageBoot() {
    }

    /**
     * A boot of the image, prepared.
     *
     * @param port the guest port the image's app listens on, 0 if none
     */
    public record Unpacked(AppRunner.Prepared prepared, int port) {
    }

    /**
     * Reads the image once: takes its kernel and initramfs out into {@code dir} and prepares
     * their boot, with the port its label gives.
     */
    public static Unpacked prepare(Path archive, Path dir) {
        ImageArchive image = ImageArchive.read(archive);
        String app = image.label(OciImage.LABEL_APP);
        String form = image.label(OciImage.LABEL_FORM);
        String cmdline = image.label(OciImage.LABEL_CMDLINE);
        Path kernel = dir.resolve("vmlinuz");
        Path initrd = dir.resolve("initramfs.cpio.gz");
        try {
            Files.createDirectories(dir);
            Files.write(kernel, image.file(OciImage.KERNEL));
            Files.write(initrd, image.file(OciImage.INITRD));
        } catch (IOException e) {
            throw new UklException("cannot unpack " + archive + " into " + dir + ": " + e.getMessage(), e);
        }
        boolean init = UklInitForm.isInit(form);
        Pattern start = init ? UklInitForm.startLine(rdinit(cmdline)) : ShellJob.STARTING_LINE;
        Pattern ready = init ? start : ShellJob.READY_LINE;
        Boot boot = new Boot("image-" + app + "-" + form, kernel, cmdline, ready,
                "the app's start (" + ready.pattern() + ")", start, init ? Boot.Output.INIT : Boot.Output.CONSOLE,
                null);
        return new Unpacked(new AppRunner.Prepared(boot, cmdline, initrd), port(image));
    }

    /** The program a kernel command line starts as init (its rdinit=), the UKL app's exec name. */
    static String rdinit(String cmdline) {
        for (String w : cmdline.split(" ")) {
            if (w.startsWith("rdinit=")) {
                return w.substring("rdinit=".length());
            }
        }
        return Pipeline.DEFAULT_UKL_NAME;
    }

    private static int port(ImageArchive image) {
        String p = image.labels().getOrDefault(OciImage.LABEL_PORT, "0");
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
