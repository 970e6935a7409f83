package io.github.braintumor.conversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Normalisations applied to each slice on its own, as bioimage.io models describe their preprocessing (one sample
 * = one 2-D slice). Their ids carry their parameters, so model.json stays one string:
 *
 * <ul>
 *   <li>{@code scale-linear:GAIN:OFFSET}: {@code v * gain + offset} (bioimage.io {@code scale_linear}, and
 *       {@code zero_mean_unit_variance} with fixed mean and std);</li>
 *   <li>{@code zero-mean-unit-variance}: per slice and channel {@code (v - mean) / (std + 1e-6)};
 *       {@code zero-mean-unit-variance-joint}: the same over all channels of the slice together;</li>
 *   <li>{@code scale-range:PMIN:PMAX}: per slice and channel {@code (v - p_min) / (p_max - p_min + 1e-6)} with
 *       numpy's linear percentiles; {@code scale-range-joint:PMIN:PMAX}: percentiles of all channels together;</li>
 *   <li>{@code clip:MIN:MAX}: {@code min(max(v, MIN), MAX)};</li>
 *   <li>{@code chain:STEP;STEP;...}: those steps in order, as bioimage.io's reference runner applies a
 *       preprocessing chain: every statistic (mean, std, percentiles) is taken from the slice as it entered the
 *       chain, not from the output of the step before.</li>
 * </ul>
 *
 * <pre>{@code
 * Normalization n = Normalization.fromId("scale-linear:0.5:-1");
 * float[] batch = {0, 2, 4};
 * n.normalizeBatch(batch, 1, 1);                       // {-1, 0, 1}
 * }</pre>
 */
record SliceNormalization(String id, Kind kind, double a, double b, List<SliceNormalization> chain)
        implements Normalization {
    /** bioimage.io's default epsilon for zero_mean_unit_variance and scale_range. */
    static final double EPS = 1e-6;

    enum Kind {
        LINEAR,
        ZMUV,
        ZMUV_JOINT,
        RANGE,
        RANGE_JOINT,
        CLIP,
        CHAIN
    }

    SliceNormalization(String id, Kind kind, double a, double b) {
        this(id, kind, a, b, List.of());
    }

    /** Prefix of a chain's id. */
    static final String CHAIN = "chain:";

    /** @return the normalisation this id names, or null when it is none of these forms */
    static SliceNormalization parse(String id) {
        if (id.startsWith(CHAIN)) {
            List<SliceNormalization> steps = new ArrayList<>();
            for (String step : id.substring(CHAIN.length()).split(";", -1)) {
                SliceNormalization s = step.startsWith(CHAIN) ? null : parse(step);
                if (s == null) return null;
                steps.add(s);
            }
            return steps.size() < 2 ? null : new SliceNormalization(id, Kind.CHAIN, 0, 0, List.copyOf(steps));
        }
        String[] p = id.split(":", -1);
        try {
            return switch (p[0]) {
                case "scale-linear" ->
                    p.length == 3
                            ? new SliceNormalization(
                                    id, Kind.LINEAR, Double.parseDouble(p[1]), Double.parseDouble(p[2]))
                            : null;
                case "zero-mean-unit-variance" -> p.length == 1 ? new SliceNormalization(id, Kind.ZMUV, 0, 0) : null;
                case "zero-mean-unit-variance-joint" ->
                    p.length == 1 ? new SliceNormalization(id, Kind.ZMUV_JOINT, 0, 0) : null;
                case "scale-range" ->
                    p.length == 3 ? range(id, Kind.RANGE, Double.parseDouble(p[1]), Double.parseDouble(p[2])) : null;
                case "scale-range-joint" ->
                    p.length == 3
                            ? range(id, Kind.RANGE_JOINT, Double.parseDouble(p[1]), Double.parseDouble(p[2]))
                            : null;
                case "clip" -> {
                    if (p.length != 3) yield null;
                    double min = Double.parseDouble(p[1]);
                    double max = Double.parseDouble(p[2]);
                    yield min <= max ? new SliceNormalization(id, Kind.CLIP, min, max) : null;
                }
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SliceNormalization range(String id, Kind kind, double min, double max) {
        if (!(min >= 0 && min < max && max <= 100)) return null;
        return new SliceNormalization(id, kind, min, max);
    }

    /** @return the id of {@code v * gain + offset}, written so that it reads back exactly */
    static String linearId(double gain, double offset) {
        return "scale-linear:" + fmt(gain) + ":" + fmt(offset);
    }

    /** @return the id of a per-channel percentile range */
    static String rangeId(double minPercentile, double maxPercentile) {
        return "scale-range:" + fmt(minPercentile) + ":" + fmt(maxPercentile);
    }

    /** @return the id of a per-channel ({@code joint} false) or joint percentile range */
    static String rangeId(double minPercentile, double maxPercentile, boolean joint) {
        return (joint ? "scale-range-joint:" : "scale-range:") + fmt(minPercentile) + ":" + fmt(maxPercentile);
    }

    /** @return the id of {@code min(max(v, min), max)} */
    static String clipId(double min, double max) {
        return "clip:" + fmt(min) + ":" + fmt(max);
    }

    /** @return the id of these step ids applied as one bioimage.io chain (a single step: its own id) */
    static String chainId(List<String> steps) {
        return steps.size() == 1 ? steps.get(0) : CHAIN + String.join(";", steps);
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity"; // as Double.parseDouble reads it
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v).toLowerCase(Locale.ROOT);
    }

    @Override
    public void normalizeVolume(float[][] slicesChw, int channels) {
        for (float[] slice : slicesChw) apply(slice, 0, slice.length / channels, channels);
    }

    @Override
    public void normalizeBatch(float[] nchw, int slices, int channels) {
        int plane = nchw.length / (slices * channels);
        for (int s = 0; s < slices; s++) apply(nchw, s * channels * plane, plane, channels);
    }

    private void apply(float[] a, int from, int plane, int channels) {
        if (kind == Kind.CHAIN) {
            // statistics of every step come from the slice as it entered the chain
            float[] entered = Arrays.copyOfRange(a, from, from + channels * plane);
            for (SliceNormalization step : chain) step.apply(entered, 0, a, from, plane, channels);
        } else {
            apply(a, from, a, from, plane, channels);
        }
    }

    /** Applies this step to {@code a} with the statistics of {@code stats} (the same slice, maybe earlier). */
    private void apply(float[] stats, int statsFrom, float[] a, int from, int plane, int channels) {
        switch (kind) {
            case LINEAR -> {
                for (int i = from; i < from + channels * plane; i++) a[i] = (float) (a[i] * this.a + b);
            }
            case CLIP -> {
                for (int i = from; i < from + channels * plane; i++) a[i] = (float) Math.min(Math.max(a[i], this.a), b);
            }
            case ZMUV_JOINT -> zscore(stats, statsFrom, a, from, channels * plane);
            case ZMUV -> {
                for (int c = 0; c < channels; c++) zscore(stats, statsFrom + c * plane, a, from + c * plane, plane);
            }
            case RANGE_JOINT -> range(stats, statsFrom, a, from, channels * plane);
            case RANGE -> {
                for (int c = 0; c < channels; c++) range(stats, statsFrom + c * plane, a, from + c * plane, plane);
            }
            case CHAIN -> throw new IllegalStateException("a chain inside a chain");
        }
    }

    private void range(float[] stats, int statsFrom, float[] a, int from, int n) {
        float[] sorted = Arrays.copyOfRange(stats, statsFrom, statsFrom + n);
        Arrays.sort(sorted);
        double lo = StandardNormalization.percentile(sorted, this.a);
        double hi = StandardNormalization.percentile(sorted, b);
        for (int i = from; i < from + n; i++) a[i] = (float) ((a[i] - lo) / (hi - lo + EPS));
    }

    private static void zscore(float[] stats, int statsFrom, float[] a, int from, int n) {
        double sum = 0;
        for (int i = statsFrom; i < statsFrom + n; i++) sum += stats[i];
        double mean = sum / n;
        double sq = 0;
        for (int i = statsFrom; i < statsFrom + n; i++) sq += (stats[i] - mean) * (stats[i] - mean);
        double std = Math.sqrt(sq / n);
        for (int i = from; i < from + n; i++) a[i] = (float) ((a[i] - mean) / (std + EPS));
    }

    @Override
    public String toString() {
        return id;
    }
}
