package dev.ukl.runtime;

/** A mistake in a {@code ukl cc} command line or link, reported as the compiler would. */
public final class CcException extends RuntimeException {
    public CcException(String message) {
        super(message);
    }
}
