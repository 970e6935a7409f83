package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test stacks for {@link InterleavedChannels}: synthetic scans and their channels saved one after the other. */
public final class InterleavedStacks {
    private InterleavedStacks() {}

    /** One channel of a 3-channel slice as a single-channel slice (the channel copied into all three). */
    public static SliceImage grey(SliceImage s, int channel) {
        int plane = s.width() * s.height();
        byte[] px = new byte[3 * plane];
        for (int c = 0; c < 3; c++) System.arraycopy(s.pixels(), channel * plane, px, c * plane, plane);
        return new SliceImage(s.width(), s.height(), 3, px, true);
    }

    /** Slices whose three channels are three different textures, each turning into another from slice to slice. */
    public static List<SliceImage> synthetic(int slices, int side) {
        Random rng = new Random(1);
        int plane = side * side;
        float[][][] texture = new float[3][2][plane];
        for (float[][] pair : texture)
            for (float[] t : pair) for (int i = 0; i < plane; i++) t[i] = rng.nextFloat() * 200;
        List<SliceImage> out = new ArrayList<>();
        for (int z = 0; z < slices; z++) {
            double w = z / (slices - 1.0);
            byte[] px = new byte[3 * plane];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    px[c * plane + i] =
                            (byte) ((1 - w) * texture[c][0][i] + w * texture[c][1][i] + rng.nextFloat() * 20);
                }
            }
            out.add(new SliceImage(side, side, 3, px));
        }
        return out;
    }

    public static List<SliceImage> interleaved(List<SliceImage> volume) {
        List<SliceImage> out = new ArrayList<>();
        for (SliceImage s : volume) for (int c = 0; c < 3; c++) out.add(grey(s, c));
        return out;
    }
}
