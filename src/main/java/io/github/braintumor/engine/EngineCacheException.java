package io.github.braintumor.engine;

/**
 * The engine could not start because libtorch could not be extracted into Deep Java Library's cache folder (not
 * writable, a file where a folder should be, a full disk): a set-up the user can fix, and the message says how.
 */
public class EngineCacheException extends EngineUnavailableException {
    private static final long serialVersionUID = 1L;

    public EngineCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
