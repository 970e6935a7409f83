package io.github.braintumor.app;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.engine.EngineCacheException;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.model.BundleException;
import java.nio.file.NoSuchFileException;

/**
 * The one list of failures that are the user's to fix (bad input, a refused output, a broken model), told apart
 * from bugs: a front end shows the former as one line and logs a stack trace for the latter (CLI: exit 2 and exit 1;
 * Fiji, Spark). An IllegalArgumentException counts only when this project's code threw it.
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
                    || (t instanceof IllegalArgumentException && thrownByThisProject(t))
                    || t instanceof OutputRefusedException
                    || t instanceof EngineCacheException) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IllegalArgumentException is a refusal of the user's input when this project's code threw it (its checks say
     * what to do); one thrown inside the JDK or a library (a NumberFormatException nobody caught, a bad argument
     * passed by our own code) is a bug and keeps its stack trace.
     */
    private static boolean thrownByThisProject(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(PROJECT_PACKAGE);
    }

    private static final String PROJECT_PACKAGE = "io.github.braintumor.";
}
