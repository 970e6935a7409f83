package io.github.braintumor.engine;

/**
 * The one place for the bounds of the numbers that size work and memory (threads, batch sizes), checked before
 * anything is allocated from them: {@code --threads 100000} would otherwise start 100,000 threads and
 * {@code --batch 100000} ask for tens of gigabytes.
 *
 * <pre>{@code
 * int threads = Bounds.threads(cliValue, "--threads");   // 0..the processors; 0 = automatic
 * int batch = Bounds.batchSize(cliValue, "--batch");     // 1..1024
 * }</pre>
 */
public final class Bounds {
    /** Largest batch of slices one forward pass may take (a 256x256 UNet batch of 1024 needs ~20 GB already). */
    public static final int MAX_BATCH = 1024;

    private Bounds() {}

    /**
     * @param what how the user gave it (an option or property name), for the message
     * @return {@code n} when it is 0 (automatic) up to the processors of this machine
     * @throws IllegalArgumentException otherwise, naming the bound
     */
    public static int threads(int n, String what) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (n < 0 || n > processors) {
            throw new IllegalArgumentException(what + " must be 0 (automatic) to " + processors + " (the processors"
                    + " of this machine), got " + n);
        }
        return n;
    }

    /**
     * @return {@code n} when it is 1..{@value #MAX_BATCH}
     * @throws IllegalArgumentException otherwise
     */
    public static int batchSize(int n, String what) {
        if (n < 1 || n > MAX_BATCH) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_BATCH + ", got " + n);
        }
        return n;
    }
}
