package dev.ukl.ktap;

import dev.ukl.UklException;

/** KTAP output that does not follow the format, with the line where it went wrong. */
public final class KtapException extends UklException {
    public KtapException(int line, String message) {
        super("KTAP line " + line + ": " + message);
    }
}
