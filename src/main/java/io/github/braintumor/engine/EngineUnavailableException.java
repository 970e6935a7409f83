package io.github.braintumor.engine;

/** The PyTorch engine of Deep Java Library could not start; the message says what is missing and what to do. */
public class EngineUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
