package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Spots a 3-channel scan left interleaved in a single-channel stack (pre-contrast, FLAIR, post-contrast of slice 1,
 * then of slice 2, ...: a common slip when separate series are opened as one stack). Such a stack would be segmented
 * as three times as many single-channel slices. In a real single-channel stack the correlation of two planes falls
 * with their distance (LGG FLAIR stacks: 0.75-0.78 for neighbours, 0.51-0.62 three apart); in an interleaved one,
 * planes three apart are the same sequence on neighbouring slices and correlate as well as neighbouring planes do
 * (0.76-0.80 against 0.71-0.80: every sequence shows the same head). Measured on six LGG patients.
 *
 * <pre>{@code
 * InterleavedChannels.warning(slices).ifPresent(log::warn); // "warning: ... looks like 3 channels x 20 slices ..."
 * }</pre>
 */
public final class InterleavedChannels {
    private InterleavedChannels() {}

    /**
     * How much less planes three apart may correlate than neighbours and still look interleaved (Pearson, averaged;
     * LGG: interleaved -0.04 at worst, FLAIR stacks -0.13 at best).
     */
    static final double MARGIN = 0.08;

    /**
     * @param slices a stack as it enters the core; only stacks of single-channel slices ({@link
     *     SliceImage#replicated()}) whose count is a multiple of 3 (at least 6) are looked at
     * @return one warning line with the fix, when the planes alternate with period 3
     */
    public static Optional<String> warning(List<SliceImage> slices) {
        int n = slices.size();
        if (n < 6 || n % 3 != 0 || !slices.stream().allMatch(SliceImage::replicated)) return Optional.empty();
        Lags lag = correlations(slices);
        if (!(lag.threeApart() > lag.neighbours() - MARGIN)) return Optional.empty();
        return Optional.of(String.format(
                Locale.ROOT,
                "warning: this %d-slice single-channel stack looks like 3 channels x %d slices left interleaved"
                        + " (planes 3 apart correlate %.2f, neighbours %.2f: no fall with distance); in Fiji use"
                        + " Image > Hyperstacks > Stack"
                        + " to Hyperstack... (channels=3, order xyczt), on the command line --channels 3",
                n,
                n / 3,
                lag.threeApart(),
                lag.neighbours()));
    }

    /** Mean Pearson correlation of neighbouring planes and of planes three apart. */
    record Lags(double neighbours, double threeApart) {}

    static Lags correlations(List<SliceImage> slices) {
        double lag1 = 0;
        double lag3 = 0;
        int n1 = 0;
        int n3 = 0;
        for (int i = 0; i + 1 < slices.size(); i++) {
            lag1 += pearson(slices.get(i), slices.get(i + 1));
            n1++;
            if (i + 3 < slices.size()) {
                lag3 += pearson(slices.get(i), slices.get(i + 3));
                n3++;
            }
        }
        return new Lags(lag1 / n1, lag3 / n3);
    }

    /** Pearson correlation of the first planes of two slices (0 when either is constant or sizes differ). */
    static double pearson(SliceImage a, SliceImage b) {
        int plane = a.width() * a.height();
        if (b.width() * b.height() != plane) return 0;
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < plane; i++) {
            int u = x[i] & 0xFF;
            int v = y[i] & 0xFF;
            sx += u;
            sy += v;
            sxx += (double) u * u;
            syy += (double) v * v;
            sxy += (double) u * v;
        }
        double cov = sxy - sx * sy / plane;
        double vx = sxx - sx * sx / plane;
        double vy = syy - sy * sy / plane;
        return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
    }
}
