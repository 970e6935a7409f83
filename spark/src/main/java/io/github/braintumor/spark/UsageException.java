package io.github.braintumor.spark;

/** A user mistake found before any work: printed as one line, exit code 2, no stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
