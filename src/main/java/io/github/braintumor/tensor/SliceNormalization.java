package io.github.braintumor.tensor;

import java.util.Arrays;
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
 *       numpy's linear percentiles.</li>
 * </ul>
 *
 * <pre>{@code
 * Normalization n = Normalization.fromId("scale-linear:0.5:-1");
 * float[] batch = {0, 2, 4};
 * n.normalizeBatch(batch, 1, 1);                       // {-1, 0, 1}
 * }</pre>
 */
record SliceNormalization(String id, Kind kind, double a, double b) implements Normalization {
    /** bioimage.io's default epsilon for zero_mean_unit_variance and scale_range. */
    static final double EPS = 1e-6;

    enum Kind {
        LINEAR,
        ZMUV,
        ZMUV_JOINT,
        RANGE
    }

    /** @return the normalisation this id names, or null when it is none of these forms */
    static SliceNormalization parse(String id) {
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
                    p.length == 3 ? range(id, Double.parseDouble(p[1]), Double.parseDouble(p[2])) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SliceNormalization range(String id, double min, double max) {
        if (!(min >= 0 && min < max && max <= 100)) return null;
        return new SliceNormalization(id, Kind.RANGE, min, max);
    }

    /** @return the id of {@code v * gain + offset}, written so that it reads back exactly */
    static String linearId(double gain, double offset) {
        return "scale-linear:" + fmt(gain) + ":" + fmt(offset);
    }

    /** @return the id of a per-channel percentile range */
    static String rangeId(double minPercentile, double maxPercentile) {
        return "scale-range:" + fmt(minPercentile) + ":" + fmt(maxPercentile);
    }

    private static String fmt(double v) {
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
        switch (kind) {
            case LINEAR -> {
                for (int i = from; i < from + channels * plane; i++) a[i] = (float) (a[i] * this.a + b);
            }
            case ZMUV_JOINT -> zscore(a, from, channels * plane);
            case ZMUV -> {
                for (int c = 0; c < channels; c++) zscore(a, from + c * plane, plane);
            }
            case RANGE -> {
                for (int c = 0; c < channels; c++) {
                    int at = from + c * plane;
                    float[] sorted = Arrays.copyOfRange(a, at, at + plane);
                    Arrays.sort(sorted);
                    double lo = StandardNormalization.percentile(sorted, this.a);
                    double hi = StandardNormalization.percentile(sorted, b);
                    for (int i = at; i < at + plane; i++) a[i] = (float) ((a[i] - lo) / (hi - lo + EPS));
                }
            }
        }
    }

    private static void zscore(float[] a, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) sum += a[i];
        double mean = sum / n;
        double sq = 0;
        for (int i = from; i < from + n; i++) sq += (a[i] - mean) * (a[i] - mean);
        double std = Math.sqrt(sq / n);
        for (int i = from; i < from + n; i++) a[i] = (float) ((a[i] - mean) / (std + EPS));
    }

    @Override
    public String toString() {
        return id;
    }
}
