package io.github.braintumor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Scores of probability maps binarised at many thresholds, accumulated slice by slice without keeping the
 * maps. A pixel is foreground at threshold t when {@code probability >= t}.
 *
 * <pre>{@code
 * ThresholdSweep sweep = ThresholdSweep.withDefaultThresholds(); // 0.05, 0.10, ..., 0.95
 * for (...) sweep.accept(probabilityMap, truthMask);
 * ThresholdSweep.Point best = sweep.best(ThresholdSweep.Metric.POOLED_DICE);
 * best.threshold();
 * }</pre>
 *
 * Not thread-safe; one sweep per evaluation.
 */
public final class ThresholdSweep {

    /** What {@link #best(Metric)} maximises. */
    public enum Metric {
        POOLED_IOU(Point::pooledIou),
        POOLED_DICE(Point::pooledDice),
        MEAN_SLICE_IOU(Point::meanSliceIou),
        MEAN_SLICE_DICE(Point::meanSliceDice);

        private final ToDoubleFunction<Point> value;

        Metric(ToDoubleFunction<Point> value) {
            this.value = value;
        }

        public double of(Point p) {
            return value.applyAsDouble(p);
        }
    }

    /**
     * Scores at one threshold.
     *
     * @param threshold the threshold
     * @param pooled pixel counts of all slices together
     * @param meanSliceIou mean per-slice IoU over all slices (empty rule: both-empty slices score 1)
     * @param meanSliceDice mean per-slice Dice over all slices
     */
    public record Point(double threshold, Confusion pooled, double meanSliceIou, double meanSliceDice) {
        public double pooledIou() {
            return pooled.iou();
        }

        public double pooledDice() {
            return pooled.dice();
        }
    }

    private final double[] thresholds;
    // tp/fp/fn/tn per threshold, pooled over slices
    private final long[] tp, fp, fn, tn;
    private final double[] sumIou, sumDice;
    private int slices;
    // scratch histograms: pixels that pass exactly k thresholds, by truth
    private final long[] passForeground, passBackground;

    /** @param thresholds strictly increasing, each in [0, 1] */
    public ThresholdSweep(double... thresholds) {
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("A threshold sweep needs at least one threshold");
        }
        for (int i = 0; i < thresholds.length; i++) {
            if (!(thresholds[i] >= 0 && thresholds[i] <= 1) || (i > 0 && thresholds[i] <= thresholds[i - 1])) {
                throw new IllegalArgumentException(
                        "Thresholds must be strictly increasing values in [0, 1], got " + Arrays.toString(thresholds));
            }
        }
        this.thresholds = thresholds.clone();
        int n = thresholds.length;
        tp = new long[n];
        fp = new long[n];
        fn = new long[n];
        tn = new long[n];
        sumIou = new double[n];
        sumDice = new double[n];
        passForeground = new long[n + 1];
        passBackground = new long[n + 1];
    }

    /** Thresholds 0.05, 0.10, ..., 0.95. */
    public static ThresholdSweep withDefaultThresholds() {
        return new ThresholdSweep(steps(0.05, 0.95, 0.05));
    }

    /** {@code from, from + step, ...} up to {@code to} inclusive, rounded to 1e-9 to avoid drift. */
    public static double[] steps(double from, double to, double step) {
        if (!(step > 0) || !(to >= from)) {
            throw new IllegalArgumentException(
                    "Need step > 0 and to >= from, got from=" + from + " to=" + to + " step=" + step);
        }
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.round((from + i * step) * 1e9) / 1e9;
        return out;
    }

    /**
     * Adds one slice.
     *
     * @param probability foreground probability per pixel, in [0, 1]
     * @param truth truth mask, non-zero = foreground
     * @throws IllegalArgumentException on length mismatch or a NaN probability
     */
    public void accept(float[] probability, byte[] truth) {
        acceptCounts(sliceCounts(probability, truth));
    }

    /**
     * One slice's pixel counts at every threshold, without adding them: what a worker sends so that
     * {@link #acceptCounts} elsewhere gives exactly the sums of {@link #accept} (same order, same doubles).
     *
     * @return tp, fp, fn, tn of threshold 0, then of threshold 1, ... ({@code 4 * thresholds().length} values)
     * @throws IllegalArgumentException on length mismatch or a NaN probability
     */
    public long[] sliceCounts(float[] probability, byte[] truth) {
        if (probability.length != truth.length) {
            throw new IllegalArgumentException("Probability map has " + probability.length + " pixels but truth has "
                    + truth.length + "; compare maps of the same slice size");
        }
        Arrays.fill(passForeground, 0);
        Arrays.fill(passBackground, 0);
        for (int i = 0; i < probability.length; i++) {
            float p = probability[i];
            if (Float.isNaN(p)) {
                throw new IllegalArgumentException("Probability at pixel " + i + " is NaN; check the model output");
            }
            int passes = passedThresholds(p);
            if (truth[i] != 0) passForeground[passes]++;
            else passBackground[passes]++;
        }
        // A pixel passing k thresholds is foreground at thresholds 0..k-1: count from the top down.
        long sliceTp = 0, sliceFp = 0;
        long truthArea = 0, background = 0;
        for (int k = 0; k <= thresholds.length; k++) {
            truthArea += passForeground[k];
            background += passBackground[k];
        }
        long[] counts = new long[4 * thresholds.length];
        for (int t = thresholds.length - 1; t >= 0; t--) {
            sliceTp += passForeground[t + 1];
            sliceFp += passBackground[t + 1];
            counts[4 * t] = sliceTp;
            counts[4 * t + 1] = sliceFp;
            counts[4 * t + 2] = truthArea - sliceTp;
            counts[4 * t + 3] = background - sliceFp;
        }
        return counts;
    }

    /**
     * Adds one slice given by its {@link #sliceCounts}.
     *
     * @throws IllegalArgumentException when the counts are not of this sweep's thresholds
     */
    public void acceptCounts(long[] counts) {
        if (counts.length != 4 * thresholds.length) {
            throw new IllegalArgumentException("Expected " + 4 * thresholds.length + " counts (tp, fp, fn, tn per"
                    + " threshold), got " + counts.length);
        }
        for (int t = thresholds.length - 1; t >= 0; t--) {
            Confusion c = new Confusion(counts[4 * t], counts[4 * t + 1], counts[4 * t + 2], counts[4 * t + 3]);
            tp[t] += c.tp();
            fp[t] += c.fp();
            fn[t] += c.fn();
            tn[t] += c.tn();
            sumIou[t] += c.iou();
            sumDice[t] += c.dice();
        }
        slices++;
    }

    /** Number of thresholds that p reaches (p >= threshold), by binary search. */
    private int passedThresholds(double p) {
        int lo = 0, hi = thresholds.length; // answer in [0, n]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ThresholdRule.positive(p, thresholds[mid])) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public int sliceCount() {
        return slices;
    }

    public double[] thresholds() {
        return thresholds.clone();
    }

    /** One point per threshold, ascending. @throws IllegalStateException before the first slice */
    public List<Point> points() {
        if (slices == 0) {
            throw new IllegalStateException("No slices accepted yet; call accept(probability, truth) first");
        }
        List<Point> out = new ArrayList<>(thresholds.length);
        for (int t = 0; t < thresholds.length; t++) {
            out.add(new Point(
                    thresholds[t], new Confusion(tp[t], fp[t], fn[t], tn[t]), sumIou[t] / slices, sumDice[t] / slices));
        }
        return out;
    }

    /** The point maximising the metric; ties go to the lowest threshold. */
    public Point best(Metric metric) {
        List<Point> points = points();
        Point best = points.get(0);
        for (Point p : points) {
            if (metric.of(p) > metric.of(best)) best = p;
        }
        return best;
    }
}
