package io.github.braintumor.train;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.tensor.Normalization;

/**
 * Slice bytes to normalized float CHW planes for training and validation. Training normalizes each slice on its
 * own (crops are drawn from single slices), so only per-pixel normalizations ({@code divide255}) are accepted;
 * volume statistics (percentile-zscore) would differ between training and inference.
 */
final class Intensities {
    private Intensities() {}

    static Normalization check(String normalizationId) {
        Normalization n = Normalization.fromId(normalizationId);
        if (n != Normalization.DIVIDE_BY_255) {
            throw new IllegalArgumentException("Training supports normalization '" + Normalization.DIVIDE_BY_255.id()
                    + "' only (per-slice crops), got '" + normalizationId + "'");
        }
        return n;
    }

    static float[] normalized(SliceImage image, String normalizationId) {
        byte[] px = image.pixels();
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i] & 0xFF;
        }
        Normalization.fromId(normalizationId).normalizeVolume(new float[][] {out}, image.channels());
        return out;
    }
}
