package io.github.braintumor.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * Makes libtorch's OpenMP threads sleep instead of spin while they wait, before the native library loads.
 *
 * <p>Why: libtorch's OpenMP (libgomp) spins for a while at every barrier by default. With one core taken by
 * another program, the thread that shares that core is preempted while the others spin for it, and every layer
 * waits on the slowest thread: a 38-slice {@code segment} with 2 threads took 23-25 s against 19 s with 1 thread
 * (measured 2026-12-03, one busy-loop process pinned to a core). With {@code OMP_WAIT_POLICY=PASSIVE} the same run
 * took 16-19 s, and a quiet machine showed no loss (10.5-11.5 s either way). libgomp reads the variable once, when it
 * is loaded, so it is set in the process environment (libc {@code setenv} through JNA; {@code System.getenv} is a
 * copy Java never writes back) before {@link DjlEngine} loads the engine. Fiji and scripts get it too, not only
 * the launcher. A value the user set is kept ({@code OMP_WAIT_POLICY=ACTIVE} restores spinning).
 *
 * <pre>{@code
 * String policy = OpenMpWaitPolicy.apply();   // "PASSIVE" unless the environment said otherwise
 * }</pre>
 */
public final class OpenMpWaitPolicy {
    /** The environment variable libgomp and Intel's OpenMP read. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";
    /** What we set when the user has not: threads sleep at barriers. */
    public static final String DEFAULT = "PASSIVE";

    private static String applied;

    private OpenMpWaitPolicy() {}

    /** libc's setenv; JNA maps it directly (no copy of the environment). */
    private interface C extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /**
     * Sets {@value #VARIABLE} to {@value #DEFAULT} in the process environment unless it is set already.
     *
     * @return the policy in force ("PASSIVE", the user's value, or "default" when it could not be set, e.g. on
     *     Windows or without JNA)
     */
    public static synchronized String apply() {
        if (applied != null) return applied;
        String user = System.getenv(VARIABLE);
        if (user != null && !user.isBlank()) {
            return applied = user.trim().toUpperCase(Locale.ROOT);
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win")) {
            return applied = "default";
        }
        try {
            C c = Native.load("c", C.class);
            if (c.setenv(VARIABLE, DEFAULT, 0) == 0) {
                String now = c.getenv(VARIABLE);
                return applied = now == null ? "default" : now;
            }
        } catch (Throwable e) { // LinkageError, UnsatisfiedLinkError: keep libgomp's default, still run
            // fall through
        }
        return applied = "default";
    }

    /** @return the policy applied so far, or null before {@link #apply()} */
    static synchronized String applied() {
        return applied;
    }
}
