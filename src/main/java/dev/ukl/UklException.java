package dev.ukl;

import java.nio.file.Path;

/**
 * An error the user can cause or fix: printed as one line (plus an optional
 * excerpt, such as a compiler's message or a console tail), never as a stack trace.
 * It keeps the error that caused it, and says which exit status the command ends with.
 */
public class UklException extends RuntimeException {
    /** The exit status of a command that failed with an ordinary error. */
    public static final int FAILED = 1;
    private final Path log;
    private final String detail;
    private final int exitStatus;

    public UklException(String message) {
        this(message, null, null);
    }

    public UklException(String message, Path log) {
        this(message, log, null);
    }

    public UklException(String message, Path log, String detail) {
        this(message, log, detail, null, FAILED);
    }

    public UklException(String message, Throwable cause) {
        this(message, null, null, cause, FAILED);
    }

    public UklException(String message, Path log, String detail, Throwable cause, int exitStatus) {
        super(message, cause);
        this.log = log;
        this.detail = detail;
        this.exitStatus = exitStatus;
    }

    /** The log file with the full story, or null. */
    public Path log() {
        return log;
    }

    /** Text shown before the error line (compiler output, console tail), or null. */
    public String detail() {
        return detail;
    }

    /** The exit status the command ends with. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The same error, ending the command with another status. */
    public UklException withExitStatus(int status) {
        UklException e = new UklException(getMessage(), log, detail, getCause(), status);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
