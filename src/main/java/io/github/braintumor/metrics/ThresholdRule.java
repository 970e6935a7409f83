package io.github.braintumor.metrics;

/**
 * The one thresholding rule of the plugin: a pixel (or slice) is tumour when its probability is at least the
 * threshold, {@code p >= t}; NaN is never tumour. Segmentation, evaluation, the threshold sweep and the slice
 * classifier all use it, so a threshold chosen by {@code evaluate --write-threshold} means the same in
 * {@code segment}.
 *
 * <pre>{@code
 * byte[] mask = ThresholdRule.mask(probabilities, 0.5);   // 1 where p >= 0.5
 * }</pre>
 */
public final class ThresholdRule {
    private ThresholdRule() {}

    /** @return true when {@code p} counts as tumour at threshold {@code t} */
    public static boolean positive(double p, double t) {
        return p >= t; // false for NaN
    }

    /** @return 1 where {@link #positive}, else 0 */
    public static byte[] mask(float[] probabilities, double t) {
        byte[] m = new byte[probabilities.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = (byte) (positive(probabilities[k], t) ? 1 : 0);
        }
        return m;
    }
}
