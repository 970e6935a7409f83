package io.github.braintumor.train;

import io.github.braintumor.data.SliceImage;

/**
 * Slice bytes to normalized float CHW planes for training and validation.
 * Stand-in until the tensor package's {@code Normalization} is merged: supports "divide_by_255" only.
 */
final class Intensities {
    static final String DIVIDE_BY_255 = "divide_by_255";

    private Intensities() {}

    static void check(String normalizationId) {
        if (!DIVIDE_BY_255.equalsIgnoreCase(normalizationId)) {
            throw new IllegalArgumentException("Training supports normalization 'divide_by_255' only, got '"
                    + normalizationId + "'");
        }
    }

    static float[] normalized(SliceImage image, String normalizationId) {
        byte[] px = image.pixels();
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (px[i] & 0xFF) / 255f;
        }
        return out;
    }
}
