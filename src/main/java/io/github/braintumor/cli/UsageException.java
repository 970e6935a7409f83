package io.github.braintumor.cli;

/** Bad command line or bad input: {@link Main} prints the message on one line and exits with code 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
