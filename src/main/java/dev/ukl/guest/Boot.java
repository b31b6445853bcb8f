package dev.ukl.guest;

import dev.ukl.image.GuestImage;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One boot of an app, as a form prepared it: the kernel, the image's contents, the kernel
 * command line, the console line that says the app started, and where the app's output and
 * exit status come from.
 *
 * @param name   names the boot's files (image, console log, app output)
 * @param ready  a console line that shows the app started
 * @param output where the app's stdout and stderr go
 */
public record Boot(String name, Path kernel, GuestImage image, String append, Pattern ready, String readyWhat,
                   Output output) {
    /** Where the app writes. */
    public enum Output {
        /**
         * ttyS1 and ttyS2, raw: QEMU writes them to files on the host; the console keeps the
         * kernel's and init's lines, and a line with the app's exit status.
         */
        SERIAL,
        /**
         * The console (the app is init, its descriptors are /dev/console): the app's lines are
         * the console's lines after {@link #ready} that the kernel did not print; its exit status
         * is in the kernel's "Attempted to kill init" line.
         */
        CONSOLE
    }
}
