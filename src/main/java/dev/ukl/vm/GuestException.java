package dev.ukl.vm;

import dev.ukl.UklException;

import java.nio.file.Path;

/**
 * The guest, not the app, went wrong: its kernel panicked, QEMU ended without the app's
 * status, or it did not get somewhere in time. Each kind has an exit status of its own, apart
 * from any status an app can give, so a script can tell "the app failed" from "the VM failed".
 */
public final class GuestException extends UklException {
    /** What went wrong, with the exit status {@code ukl run} ends with. */
    public enum Kind {
        /** Past its time limit: as timeout(1) does. */
        TIMEOUT(124),
        /** A kernel panic, QEMU gone, or a guest that ended without saying the app's status. */
        FAILED(126);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public GuestException(Kind kind, String message, Path consoleLog, String consoleTail) {
        super(message, consoleLog, consoleTail, null, kind.status());
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
