package io.github.braintumor.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps glibc malloc from handing libtorch's freed blocks back to the kernel between layers.
 *
 * <p>Why: a forward pass allocates and frees several megabytes per layer. By default glibc returns freed heap tops
 * and whole per-thread heaps to the kernel, and every new touch of those pages is a page fault that zeroes them
 * again. In a VM that is expensive: one 3x3 convolution alternated between 100 and 300 GFLOP/s depending on whether
 * its output landed on fresh pages, and page faults were a third of a patient's CPU time (docs/BENCHMARKS.md,
 * 2026-12-03 evening). So, in the running process (Fiji and scripts too): blocks up to 32 MiB come from the heap
 * ({@code M_MMAP_THRESHOLD}), freed memory stays unless 256 MiB are free at the top ({@code M_TRIM_THRESHOLD}), and
 * a per-thread heap is kept while 64 MiB of padding would fit ({@code M_TOP_PAD}; glibc deletes a wholly free heap
 * only otherwise). The launcher {@code bin/brain-tumor} goes further before the JVM starts ({@code GLIBC_TUNABLES}:
 * one arena and huge pages, which cannot be changed in a running process).
 *
 * <p>Left alone: a process whose {@code GLIBC_TUNABLES} the user set, {@code BRAIN_TUMOR_MALLOC=0} or
 * {@code -Dbraintumor.malloc=false}, and systems without glibc (the call is then refused and nothing changes).
 *
 * <pre>{@code
 * String state = MallocTuning.apply();   // "tuned", "launcher", "user", "off" or "unavailable"
 * }</pre>
 */
public final class MallocTuning {
    /** glibc's mallopt parameters. */
    static final int M_TRIM_THRESHOLD = -1;

    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;

    static final int MMAP_THRESHOLD = 32 << 20; // glibc's own upper bound for the threshold on 64-bit
    static final int TRIM_THRESHOLD = 256 << 20;
    static final int TOP_PAD = 64 << 20;

    /** The variable that switches this off ({@code 0}); the launcher sets it to {@code launcher} with its tunables. */
    static final String VARIABLE = "BRAIN_TUMOR_MALLOC";

    private static String applied;

    private MallocTuning() {}

    private interface C extends Library {
        int mallopt(int param, int value);
    }

    /**
     * Sets the three thresholds once per process.
     *
     * @return "tuned" (set here), "launcher" (set by {@code bin/brain-tumor} before the JVM started), "user" (the
     *     user's own {@code GLIBC_TUNABLES}: left), "off" (switched off) or "unavailable" (no glibc)
     */
    public static synchronized String apply() {
        if (applied != null) return applied;
        String decision = decide(System.getenv(), System.getProperty("braintumor.malloc"), osName());
        if (!decision.equals("tuned")) return applied = decision;
        try {
            C c = Native.load("c", C.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
            return applied = ok ? "tuned" : "unavailable";
        } catch (Throwable e) { // UnsatisfiedLinkError (no mallopt: musl, macOS), LinkageError without JNA
            return applied = "unavailable";
        }
    }

    /** @return the state {@link #apply()} reached, or null before it ran */
    static synchronized String applied() {
        return applied;
    }

    /** The choice, from the environment, the system property and the OS name; nothing is changed here. */
    static String decide(Map<String, String> env, String property, String os) {
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) return "unavailable";
        String mine = env.getOrDefault(VARIABLE, "").trim();
        if (mine.equals("0") || "false".equalsIgnoreCase(property)) return "off";
        if (mine.equals("launcher")) return "launcher";
        String tunables = env.get("GLIBC_TUNABLES");
        return tunables == null || tunables.isBlank() ? "tuned" : "user";
    }

    private static String osName() {
        return System.getProperty("os.name", "");
    }
}
