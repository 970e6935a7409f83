package io.github.braintumor.conversion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How raw 0..255 intensities become network inputs. Works in place on one volume (one patient's slices),
 * because {@link #PERCENTILE_ZSCORE} uses statistics of the whole volume. The {@link #id()} string is what
 * model.json stores; {@link #fromId} reads it back.
 *
 * <ul>
 *   <li>{@link #DIVIDE_BY_255} ({@code divide255}): {@code v / 255}.
 *   <li>{@link #PERCENTILE_ZSCORE} ({@code percentile-zscore}): Buda et al.'s {@code normalize_volume}
 *       (brain-segmentation-pytorch, utils.py). (1) p10 and p99 are the 10th and 99th percentiles of all
 *       values of the volume, all channels together, with numpy's default linear interpolation
 *       (position {@code q/100 * (n-1)} in the sorted values); (2) every value becomes
 *       {@code clamp((v - p10) / (p99 - p10), 0, 1)} (skimage {@code rescale_intensity(volume,
 *       in_range=(p10, p99))} on a float image); (3) each channel is z-scored with the mean and population
 *       standard deviation (numpy {@code std}, ddof 0) of that channel over the whole volume. Step 2 is
 *       invariant to scaling, so 0..255 input gives what Buda's 0..1 input gave. Degenerate cases, where
 *       numpy would give NaN: p99 == p10 makes step 2 give 0, a zero standard deviation makes step 3 give
 *       0. Buda computed the statistics after cropping/padding/resizing the volume; here they are computed
 *       on exactly the values given.
 * </ul>
 * Models imported from bioimage.io describe per-slice normalisations instead; {@link SliceNormalization} has them.
 *
 * <pre>{@code
 * float[][] slices = {{0, 128, 255}};                 // one slice, one channel, three pixels
 * Normalization n = Normalization.fromId("divide255");
 * n.normalizeVolume(slices, 1);                        // {0, 0.50196, 1}
 * }</pre>
 */
public interface Normalization {
    // No default methods here: the constants point into an enum implementing this interface, and a
    // default method would make the enum's initialisation initialise this interface first (a cycle).

    /** {@code v / 255}; id {@code divide255}. */
    Normalization DIVIDE_BY_255 = StandardNormalization.DIVIDE_BY_255;
    /** Buda et al.'s 10th/99th percentile rescale then per-channel z-score; id {@code percentile-zscore}. */
    Normalization PERCENTILE_ZSCORE = StandardNormalization.PERCENTILE_ZSCORE;

    /** @return the stable name stored in model files */
    String id();

    /**
     * Normalises one volume in place.
     *
     * @param slicesChw one array per slice, each {@code channels} planes of equal size (CHW)
     * @param channels planes per slice
     */
    void normalizeVolume(float[][] slicesChw, int channels);

    /**
     * Same as {@link #normalizeVolume} on one flat NCHW array (a batch as the forward pass takes it), in place.
     *
     * @param nchw {@code slices * channels} planes of equal size
     */
    void normalizeBatch(float[] nchw, int slices, int channels);

    /** @return every built-in normalisation */
    static List<Normalization> known() {
        return List.of(StandardNormalization.values());
    }

    /**
     * @return the normalisation with this id
     * @throws IllegalArgumentException naming the known ids when none matches
     */
    static Normalization fromId(String id) {
        for (Normalization n : known()) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        SliceNormalization perSlice = id == null ? null : SliceNormalization.parse(id);
        if (perSlice != null) return perSlice;
        throw new IllegalArgumentException(
                "Unknown normalization '" + id + "'; known: "
                        + known().stream().map(Normalization::id).collect(Collectors.joining(", "))
                        + " (and, per slice, scale-linear:GAIN:OFFSET, zero-mean-unit-variance[-joint], scale-range[-joint]:PMIN:PMAX, clip:MIN:MAX, chain:STEP;STEP)");
    }

    /** @return the id of {@code v * gain + offset} applied to every value ({@code scale-linear:GAIN:OFFSET}) */
    static String linearId(double gain, double offset) {
        return SliceNormalization.linearId(gain, offset);
    }

    /** @return the id of a per-slice, per-channel percentile range ({@code scale-range:PMIN:PMAX}) */
    static String rangeId(double minPercentile, double maxPercentile) {
        return SliceNormalization.rangeId(minPercentile, maxPercentile);
    }

    /** @return the id of a per-slice percentile range over each channel, or all channels together ({@code joint}) */
    static String rangeId(double minPercentile, double maxPercentile, boolean joint) {
        return SliceNormalization.rangeId(minPercentile, maxPercentile, joint);
    }

    /** @return the id of {@code min(max(v, min), max)} ({@code clip:MIN:MAX}) */
    static String clipId(double min, double max) {
        return SliceNormalization.clipId(min, max);
    }

    /**
     * @return the id of per-slice steps applied as a bioimage.io preprocessing chain ({@code chain:STEP;STEP}), whose
     *     statistics all come from the slice as it entered the chain; one step is just that step's id
     */
    static String chainId(List<String> steps) {
        return SliceNormalization.chainId(steps);
    }

    /** Per slice and channel {@code (v - mean) / (std + 1e-6)}. */
    String ZERO_MEAN_UNIT_VARIANCE = "zero-mean-unit-variance";
    /** The same over all channels of a slice together. */
    String ZERO_MEAN_UNIT_VARIANCE_JOINT = "zero-mean-unit-variance-joint";
}
