package dev.ukl.guest;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One boot of an app, as a form prepared it: the kernel, the image's contents, the kernel
 * command line, the console line that says the app is up, and where the app's output and
 * exit status come from.
 *
 * @param name   names the boot's files (initramfs, console log, app output)
 * @param ready  a console line that shows the app is up (waited for before a run counts as started)
 * @param start  the console line after which the app's own lines begin (for console output)
 * @param output where the app's stdout and stderr go, and where its status is read
 * @param symbols the ELF file that names the app's code for a debugger: the user program, or the
 *                vmlinux the UKL app is linked into; null where there is none at hand (an image)
 */
public record Boot(String name, Path kernel, String append, Pattern ready, String readyWhat,
                   Pattern start, Output output, Path symbols) {
    /** Where the app writes. */
    public enum Output {
        /**
         * ttyS1 and ttyS2, raw: QEMU writes them to files on the host; the console keeps the
         * kernel's and init's lines, and init's line with the app's exit status.
         */
        SERIAL,
        /**
         * The console, as a cluster's VM has only that: the app's lines are the console's lines
         * after {@link #start} that neither the kernel nor init printed; its exit status is in
         * init's line.
         */
        CONSOLE,
        /**
         * The console, the app being init (its descriptors are /dev/console): its lines as for
         * CONSOLE; its exit status is in the kernel's "Attempted to kill init" line.
         */
        INIT
    }
}
