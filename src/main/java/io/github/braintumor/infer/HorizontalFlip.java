package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Left-right mirroring of slices and probability maps, and test-time augmentation built on it: the model sees
 * each slice as given and mirrored, and the two probability maps (the second mirrored back) are averaged.
 * Brains are nearly left-right symmetric, so the mirrored view is a plausible second opinion. Used by inference
 * ({@code fiji.StackSegmentation}) and by evaluation alike, so both average the same way.
 *
 * <pre>{@code
 * List<SliceImage> mirrored = slices.stream().map(HorizontalFlip::flip).toList();
 * List<float[]> averaged = HorizontalFlip.average(slices, model(slices), model(mirrored));
 * }</pre>
 */
public final class HorizontalFlip {

    private HorizontalFlip() {}

    /** The slice mirrored left-right (every channel). */
    public static SliceImage flip(SliceImage image) {
        int w = image.width(), h = image.height();
        byte[] src = image.pixels();
        byte[] dst = new byte[src.length];
        for (int c = 0; c < image.channels(); c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                int row = base + y * w;
                for (int x = 0; x < w; x++) dst[row + x] = src[row + w - 1 - x];
            }
        }
        return new SliceImage(w, h, image.channels(), dst, image.replicated());
    }

    /** A row-major {@code width x height} map mirrored left-right. */
    public static float[] flip(float[] map, int width, int height) {
        if (map.length != width * height) {
            throw new IllegalArgumentException("Map has " + map.length + " values, expected " + width + "x" + height);
        }
        float[] out = new float[map.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) out[row + x] = map[row + width - 1 - x];
        }
        return out;
    }

    /** Mean of the plain maps and the mirrored-back maps of the mirrored slices. */
    public static List<float[]> average(List<SliceImage> slices, List<float[]> plain, List<float[]> ofFlipped) {
        List<float[]> out = new ArrayList<>(plain.size());
        for (int i = 0; i < plain.size(); i++) {
            SliceImage s = slices.get(i);
            float[] a = plain.get(i);
            float[] b = flip(ofFlipped.get(i), s.width(), s.height());
            float[] m = new float[a.length];
            for (int k = 0; k < a.length; k++) m[k] = (a[k] + b[k]) / 2f;
            out.add(m);
        }
        return out;
    }
}
