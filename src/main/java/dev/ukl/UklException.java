package dev.ukl;

import java.nio.file.Path;

/**
 * An error the user can cause or fix: printed as one line (plus an optional
 * excerpt, such as a compiler's message or a console tail), never as a stack trace.
 */
public class UklException extends RuntimeException {
    private final Path log;
    private final String detail;

    public UklException(String message) {
        this(message, null, null);
    }

    public UklException(String message, Path log) {
        this(message, log, null);
    }

    public UklException(String message, Path log, String detail) {
        super(message);
        this.log = log;
        this.detail = detail;
    }

    /** The log file with the full story, or null. */
    public Path log() {
        return log;
    }

    /** Text shown before the error line (compiler output, console tail), or null. */
    public String detail() {
        return detail;
    }
}
