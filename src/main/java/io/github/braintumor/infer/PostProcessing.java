package io.github.braintumor.infer;

import io.github.braintumor.data.SliceMask;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.model.PostProcessingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Clean-ups of one patient's predicted masks, as pure functions on a stack of slices ({@code masks[z]} one byte
 * per pixel, row-major {@code width x height}, non-zero = tumour). Inputs are never modified.
 *
 * <ul>
 * <li>{@link #largestComponent3d}: keeps only the largest 6-connected tumour region of the whole volume (a
 * low-grade glioma is one lesion; small islands elsewhere are false positives); {@link #mostConfidentComponent3d}
 * keeps the one the network is most sure of instead, which differs where a large region is one it was unsure
 * of.</li>
 * <li>{@link #minimumArea}: empties each slice whose predicted area is below a minimum (a few stray pixels on an
 * otherwise empty slice are the commonest false positive).</li>
 * </ul>
 * {@link #clean} applies the steps a {@link PostProcessingSettings} asks for, in one fixed order (minimum area,
 * then largest component), for inference and evaluation alike. Test-time augmentation acts on probabilities
 * before thresholding: see {@link PostProcessedSegmenter}.
 *
 * <pre>{@code
 * byte[][] cleaned = PostProcessing.clean(masks, 256, 256, new PostProcessingSettings(false, true, 50));
 * }</pre>
 */
public final class PostProcessing {

    private PostProcessing() {}

    /**
     * The steps {@code settings} asks for (its {@code tta} flag is ignored here): slices below the minimum area
     * emptied first, then the largest 3-D component of what is left kept. Masks are returned unchanged (the same
     * arrays) when no step is on.
     */
    public static byte[][] clean(byte[][] masks, int width, int height, PostProcessingSettings settings) {
        if (settings.lcc() && settings.lccByConfidence()) {
            throw new IllegalArgumentException("The largest component by confidence needs the probabilities");
        }
        return clean(masks, null, 0, width, height, settings);
    }

    /**
     * {@link #clean} with the probabilities the masks were thresholded from, which the largest component by
     * confidence ({@link PostProcessingSettings#lccByConfidence()}) weighs.
     *
     * @param probabilities per slice, row-major; may be null when no step needs them
     * @param threshold the threshold the masks were made with
     */
    public static byte[][] clean(
            byte[][] masks,
            List<float[]> probabilities,
            double threshold,
            int width,
            int height,
            PostProcessingSettings settings) {
        byte[][] out = masks;
        if (settings.minArea() > 0) out = minimumArea(out, settings.minArea());
        if (settings.lcc()) {
            out = settings.lccRelative()
                    ? confidentComponents3d(
                            out, probabilities, threshold, PostProcessingSettings.RELATIVE_FRACTION, width, height)
                    : settings.lccByConfidence()
                            ? mostConfidentComponent3d(out, probabilities, threshold, width, height)
                            : largestComponent3d(out, width, height);
        }
        return out;
    }

    /** {@link #clean} on slice masks of one size (a stack = one patient volume) made from {@code probabilities}. */
    public static List<SliceMask> clean(
            List<SliceMask> masks, List<float[]> probabilities, double threshold, PostProcessingSettings settings) {
        if (masks.isEmpty()) return masks;
        int width = masks.get(0).width(), height = masks.get(0).height();
        byte[][] pixels = new byte[masks.size()][];
        for (int z = 0; z < pixels.length; z++) pixels[z] = masks.get(z).pixels();
        byte[][] cleaned = clean(pixels, probabilities, threshold, width, height, settings);
        if (cleaned == pixels) return masks;
        List<SliceMask> out = new ArrayList<>(cleaned.length);
        for (byte[] m : cleaned) out.add(new SliceMask(width, height, m));
        return out;
    }

    /** The mask by {@link io.github.braintumor.metrics.ThresholdRule} (p >= threshold; NaN gives 0). */
    public static SliceMask threshold(float[] probabilities, int width, int height, float threshold) {
        return new SliceMask(width, height, ThresholdRule.mask(probabilities, threshold));
    }

    /**
     * The largest 3-D connected component (6-connectivity: left/right, up/down, previous/next slice) of the
     * stack; ties go to the component found first in scan order (slice, row, column). Output masks are 0/1.
     * Uses an explicit int stack, so large volumes cannot overflow the call stack.
     *
     * @throws IllegalArgumentException if a slice does not have {@code width * height} pixels
     */
    public static byte[][] largestComponent3d(byte[][] masks, int width, int height) {
        Components c = components3d(masks, width, height);
        double[] size = new double[c.sizes().length];
        for (int label = 0; label < size.length; label++) size[label] = c.sizes()[label];
        int best = best(size);
        return keep(c, label -> label == best, masks.length, width, height);
    }

    /**
     * The 3-D connected component (as {@link #largestComponent3d}) with the most confidence: the largest sum over
     * its voxels of {@code (p - threshold) / (1 - threshold)}, how far each probability is above the threshold.
     * Ties go to the component found first.
     *
     * @param probabilities per slice, the probabilities {@code masks} were thresholded from
     */
    public static byte[][] mostConfidentComponent3d(
            byte[][] masks, List<float[]> probabilities, double threshold, int width, int height) {
        Components c = components3d(masks, width, height);
        int best = best(confidence(c, masks, probabilities, threshold));
        return keep(c, label -> label == best, masks.length, width, height);
    }

    /**
     * Every 3-D connected component whose confidence mass (as {@link #mostConfidentComponent3d}) is at least {@code
     * fraction} of the most confident one's: a tumour split in two keeps both parts.
     */
    public static byte[][] confidentComponents3d(
            byte[][] masks, List<float[]> probabilities, double threshold, double fraction, int width, int height) {
        Components c = components3d(masks, width, height);
        double[] mass = confidence(c, masks, probabilities, threshold);
        double top = mass[best(mass)];
        return keep(c, label -> top > 0 && mass[label] >= fraction * top, masks.length, width, height);
    }

    /** @return per component label, the sum over its voxels of {@code (p - threshold) / (1 - threshold)} */
    private static double[] confidence(Components c, byte[][] masks, List<float[]> probabilities, double threshold) {
        if (probabilities == null || probabilities.size() != masks.length) {
            throw new IllegalArgumentException("Choosing components by confidence needs one probability map per"
                    + " slice, got " + (probabilities == null ? "none" : probabilities.size()) + " for "
                    + masks.length + " slices");
        }
        double[] confidence = new double[c.sizes().length];
        double scale = threshold < 1 ? 1 / (1 - threshold) : 1;
        for (int z = 0; z < masks.length; z++) {
            float[] p = probabilities.get(z);
            int[] labels = c.labels()[z];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0) confidence[labels[i]] += Math.max(0, p[i] - threshold) * scale;
            }
        }
        return confidence;
    }

    /** @return the label with the largest score (label 0, background, when there is none); ties: the first */
    private static int best(double[] score) {
        int bestLabel = 0;
        for (int label = 1; label < score.length; label++) {
            if (bestLabel == 0 || score[label] > score[bestLabel]) bestLabel = label;
        }
        return bestLabel;
    }

    /** @return 0/1 masks holding the components whose label {@code kept} accepts (label 0 never) */
    private static byte[][] keep(Components c, IntPredicate kept, int depth, int width, int height) {
        int plane = width * height;
        byte[][] out = new byte[depth][plane];
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                int label = c.labels()[z][i];
                if (label != 0 && kept.test(label)) out[z][i] = 1;
            }
        }
        return out;
    }

    /**
     * 3-D connected components of a stack of masks.
     *
     * @param labels per slice and pixel, 0 for background, else the component (1..count) in scan order
     * @param sizes  {@code sizes[label]} voxels of each component; {@code sizes[0]} is 0
     */
    public record Components(int[][] labels, long[] sizes) {
        /** @return the number of components */
        public int count() {
            return sizes.length - 1;
        }
    }

    /**
     * Labels the 3-D connected components (6-connectivity, as {@link #largestComponent3d}), numbered in scan order
     * (slice, row, column) from 1.
     */
    public static Components components3d(byte[][] masks, int width, int height) {
        int plane = checkSizes(masks, width, height);
        int depth = masks.length;
        // label 0 = background or unvisited; components are numbered from 1
        int[][] labels = new int[depth][plane];
        int[] stack = new int[64];
        long[] sizes = new long[16];
        int next = 0;
        for (int z = 0; z < depth; z++) {
            for (int i = 0; i < plane; i++) {
                if (masks[z][i] == 0 || labels[z][i] != 0) continue;
                int label = ++next;
                long size = 0;
                int top = 0;
                labels[z][i] = label;
                stack[top++] = z * plane + i;
                while (top > 0) {
                    int v = stack[--top];
                    size++;
                    if (stack.length < top + 6) stack = Arrays.copyOf(stack, stack.length * 2);
                    int vz = v / plane, vi = v % plane, x = vi % width, y = vi / width;
                    if (x > 0) top = visit(masks, labels, vz, vi - 1, label, plane, stack, top);
                    if (x < width - 1) top = visit(masks, labels, vz, vi + 1, label, plane, stack, top);
                    if (y > 0) top = visit(masks, labels, vz, vi - width, label, plane, stack, top);
                    if (y < height - 1) top = visit(masks, labels, vz, vi + width, label, plane, stack, top);
                    if (vz > 0) top = visit(masks, labels, vz - 1, vi, label, plane, stack, top);
                    if (vz < depth - 1) top = visit(masks, labels, vz + 1, vi, label, plane, stack, top);
                }
                if (sizes.length <= label) sizes = Arrays.copyOf(sizes, sizes.length * 2);
                sizes[label] = size;
            }
        }
        return new Components(labels, Arrays.copyOf(sizes, next + 1));
    }

    /** Labels and pushes a foreground neighbour not seen yet; returns the new stack top. */
    private static int visit(byte[][] masks, int[][] labels, int z, int i, int label, int plane, int[] stack, int top) {
        if (masks[z][i] != 0 && labels[z][i] == 0) {
            labels[z][i] = label;
            stack[top++] = z * plane + i;
        }
        return top;
    }

    /**
     * Empties every slice whose foreground area is below {@code minimumPixels}; other slices are kept as 0/1
     * masks. {@code minimumPixels <= 1} changes nothing but the 0/1 normalisation.
     *
     * @throws IllegalArgumentException for a negative minimum
     */
    public static byte[][] minimumArea(byte[][] masks, int minimumPixels) {
        if (minimumPixels < 0) {
            throw new IllegalArgumentException("Minimum tumour area must be >= 0 pixels, got " + minimumPixels);
        }
        byte[][] out = new byte[masks.length][];
        for (int z = 0; z < masks.length; z++) {
            byte[] m = masks[z];
            int area = 0;
            for (byte b : m) if (b != 0) area++;
            out[z] = new byte[m.length];
            if (area >= minimumPixels) {
                for (int i = 0; i < m.length; i++) out[z][i] = (byte) (m[i] != 0 ? 1 : 0);
            }
        }
        return out;
    }

    private static int checkSizes(byte[][] masks, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Slice size must be positive, got " + width + "x" + height);
        }
        int plane = width * height;
        for (int z = 0; z < masks.length; z++) {
            if (masks[z].length != plane) {
                throw new IllegalArgumentException("Mask of slice " + z + " has " + masks[z].length + " pixels but "
                        + width + "x" + height + " = " + plane + " were expected");
            }
        }
        return plane;
    }
}
