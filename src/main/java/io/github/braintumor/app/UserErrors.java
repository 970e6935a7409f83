package io.github.braintumor.app;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.engine.EngineCacheException;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.model.BundleException;
import java.nio.file.NoSuchFileException;

/**
 * The one list of failures that are the user's to fix (bad input, a refused output, a broken model), told apart
 * from bugs: a front end shows the former as one line and logs a stack trace for the latter (CLI, Fiji, Spark).
 *
 * <pre>{@code
 * if (UserErrors.isUserError(e)) showOneLine(e); else logWithStackTrace(e);
 * }</pre>
 */
public final class UserErrors {
    private UserErrors() {}

    /** @return whether {@code e} or one of its causes is a mistake in the input, the output or the model given */
    public static boolean isUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LggDataException
                    || t instanceof BundleException
                    || t instanceof NoSuchFileException
                    || t instanceof IllegalArgumentException
                    || t instanceof OutputRefusedException
                    || t instanceof EngineCacheException) {
                return true;
            }
        }
        return false;
    }
}
