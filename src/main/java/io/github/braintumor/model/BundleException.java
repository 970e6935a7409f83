package io.github.braintumor.model;

/** A model bundle cannot be read or written; the message names the file and what to do. */
public class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
