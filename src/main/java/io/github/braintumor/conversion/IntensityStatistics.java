package io.github.braintumor.conversion;

import java.util.Arrays;

/**
 * The statistics of one volume that {@link Normalization#PERCENTILE_ZSCORE} needs, and the one place that applies
 * them: {@code z = (clamp((v - p10) / (p99 - p10), 0, 1) - mean[c]) / std[c]}. They come from the values
 * themselves (inference: a whole stack, or one slice on its own) or from per-channel histograms of 8-bit values
 * (training: a patient's volume, possibly with a simulated missing modality or a scanner-like intensity change,
 * without touching a pixel). Both give the same numbers for the same 8-bit volume.
 *
 * <pre>{@code
 * long[][] histogram = new long[3][256];                 // counts of 0..255 per channel over a patient
 * IntensityStatistics s = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), histogram);
 * float[][] lut = s.lookupTables();                       // lut[c][v] = normalised value of byte v in channel c
 * }</pre>
 *
 * @param p10  10th percentile of all values of all channels (numpy's linear interpolation)
 * @param p99  99th percentile of the same
 * @param mean per channel, mean of the clamped rescaled values
 * @param std  per channel, population standard deviation of the same (0 makes the channel 0)
 */
public record IntensityStatistics(double p10, double p99, double[] mean, double[] std) {

    /** @return the values of channel-independent 8-bit levels: {@code levels[c][k] = k} */
    public static float[][] byteLevels(int channels) {
        float[] k = new float[256];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
        }
        float[][] levels = new float[channels][];
        Arrays.fill(levels, k);
        return levels;
    }

    /**
     * Statistics of a volume given as distinct values and how often each occurs, per channel.
     *
     * @param levels {@code levels[c][k]} a value of channel c (any order, any real value)
     * @param counts {@code counts[c][k]} how many voxels of channel c have that value
     */
    public static IntensityStatistics ofLevels(float[][] levels, long[][] counts) {
        int channels = levels.length;
        int total = 0;
        for (int c = 0; c < channels; c++) {
            total += levels[c].length;
        }
        float[] value = new float[total];
        long[] count = new long[total];
        Integer[] order = new Integer[total];
        int at = 0;
        long n = 0;
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < levels[c].length; k++) {
                value[at] = levels[c][k];
                count[at] = counts[c][k];
                order[at] = at;
                n += counts[c][k];
                at++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("percentile of an empty volume");
        }
        Arrays.sort(order, (a, b) -> Float.compare(value[a], value[b]));
        double p10 = percentile(value, count, order, n, 10);
        double p99 = percentile(value, count, order, n, 99);
        double range = p99 - p10;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            long m = 0;
            for (int k = 0; k < levels[c].length; k++) {
                sum += counts[c][k] * (double) rescaled(levels[c][k], p10, range);
                m += counts[c][k];
            }
            mean[c] = m == 0 ? 0 : sum / m;
            double sq = 0;
            for (int k = 0; k < levels[c].length; k++) {
                double d = rescaled(levels[c][k], p10, range) - mean[c];
                sq += counts[c][k] * d * d;
            }
            std[c] = m == 0 ? 0 : Math.sqrt(sq / m);
        }
        return new IntensityStatistics(p10, p99, mean, std);
    }

    /**
     * Statistics of the values themselves (every value of every channel of the volume). A volume of 8-bit values (as
     * every unresampled MRI slice is) is counted into histograms instead of sorted: the same numbers, without sorting
     * millions of values (a 38-slice patient: 7.5 million).
     */
    static IntensityStatistics of(ChannelPlanes[] channels) {
        long[][] counts = byteHistogram(channels);
        return counts != null ? ofLevels(byteLevels(channels.length), counts) : ofSortedValues(channels);
    }

    /** The same statistics from all values sorted: any real values. */
    static IntensityStatistics ofSortedValues(ChannelPlanes[] channels) {
        float[] all = ChannelPlanes.concatenate(channels);
        Arrays.sort(all);
        double p10 = StandardNormalization.percentile(all, 10);
        double p99 = StandardNormalization.percentile(all, 99);
        double range = p99 - p10;
        double[] mean = new double[channels.length];
        double[] std = new double[channels.length];
        for (int c = 0; c < channels.length; c++) {
            double[] sums = new double[2];
            channels[c].forEachPlane((a, from, to) -> {
                for (int i = from; i < to; i++) {
                    sums[0] += rescaled(a[i], p10, range);
                }
            });
            double mu = sums[0] / channels[c].size();
            channels[c].forEachPlane((a, from, to) -> {
                for (int i = from; i < to; i++) {
                    double d = rescaled(a[i], p10, range) - mu;
                    sums[1] += d * d;
                }
            });
            mean[c] = mu;
            std[c] = Math.sqrt(sums[1] / channels[c].size());
        }
        return new IntensityStatistics(p10, p99, mean, std);
    }

    /** @return per channel, the counts of 0..255, when every value is one of those integers; else null */
    private static long[][] byteHistogram(ChannelPlanes[] channels) {
        long[][] counts = new long[channels.length][256];
        boolean[] bytes = {true};
        for (int c = 0; c < channels.length && bytes[0]; c++) {
            long[] count = counts[c];
            channels[c].forEachPlane((a, from, to) -> {
                for (int i = from; i < to && bytes[0]; i++) {
                    int k = (int) a[i];
                    if (k != a[i] || k < 0 || k > 255) {
                        bytes[0] = false; // NaN, a fraction or out of range: sort instead
                    } else {
                        count[k]++;
                    }
                }
            });
        }
        return bytes[0] ? counts : null;
    }

    /** Step 2 of the normalisation, rounded to float as a float image would hold it. */
    private static float rescaled(double v, double p10, double range) {
        double u = range > 0 ? (v - p10) / range : 0;
        return (float) Math.max(0, Math.min(1, u));
    }

    /** @return the normalised value of {@code v} in channel {@code c} */
    public float normalize(double v, int c) {
        return std[c] > 0 ? (float) ((rescaled(v, p10, p99 - p10) - mean[c]) / std[c]) : 0f;
    }

    /** Normalises every plane of every channel in place. */
    void apply(ChannelPlanes[] channels) {
        for (int c = 0; c < channels.length; c++) {
            int ch = c;
            channels[c].forEachPlane((a, from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] = normalize(a[i], ch);
                }
            });
        }
    }

    /** @return {@code lut[c][v]}: the normalised value of the 8-bit value v in channel c */
    public float[][] lookupTables() {
        float[][] lut = new float[mean.length][256];
        for (int c = 0; c < lut.length; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = normalize(v, c);
            }
        }
        return lut;
    }

    private static double percentile(float[] value, long[] count, Integer[] order, long n, double q) {
        double pos = q / 100.0 * (n - 1);
        long lo = (long) Math.floor(pos);
        long hi = Math.min(lo + 1, n - 1);
        double a = valueAt(value, count, order, lo);
        double b = valueAt(value, count, order, hi);
        return a + (pos - lo) * (b - a);
    }

    /** The value at position {@code k} of the sorted volume. */
    private static float valueAt(float[] value, long[] count, Integer[] order, long k) {
        long seen = 0;
        for (Integer i : order) {
            seen += count[i];
            if (seen > k) {
                return value[i];
            }
        }
        return value[order[order.length - 1]];
    }
}
