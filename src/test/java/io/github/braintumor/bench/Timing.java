package io.github.braintumor.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Median, minimum and maximum of timed runs after untimed warm-up runs, as the peer's {@code bench_peer.py timed()}.
 *
 * <pre>{@code
 * Timing t = Timing.measure(2, 7, () -> block.forward(...));
 * double perSecond = t.perSecond(8);   // slices/s at batch 8
 * }</pre>
 */
public record Timing(double medianMs, double minMs, double maxMs, int runs, int warmup) {

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} {@code warmup} times untimed, then {@code runs} (&gt;= 1) times timed. */
    public static Timing measure(int warmup, int runs, Work work) throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("runs must be >= 1 and warmup >= 0, got " + runs + ", " + warmup);
        }
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return of(ms, warmup);
    }

    /** @return the timing of the given run times in milliseconds */
    public static Timing of(double[] ms, int warmup) {
        if (ms.length == 0) {
            throw new IllegalArgumentException("No run times");
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        return new Timing(median(ms), s[0], s[s.length - 1], ms.length, warmup);
    }

    /** Median (mean of the two middle values for an even count), as Python's statistics.median. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /** @return items per second at the median, for {@code itemsPerRun} items (e.g. slices in a batch) per run */
    public double perSecond(int itemsPerRun) {
        return itemsPerRun * 1000.0 / medianMs;
    }

    /** @return median_ms, min_ms, max_ms, runs, warmup and slices_per_s for {@code itemsPerRun} slices per run */
    public Map<String, Object> toMap(int itemsPerRun) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_ms", round(medianMs, 2));
        m.put("min_ms", round(minMs, 2));
        m.put("max_ms", round(maxMs, 2));
        m.put("runs", runs);
        m.put("warmup", warmup);
        m.put("slices_per_s", round(perSecond(itemsPerRun), 3));
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
