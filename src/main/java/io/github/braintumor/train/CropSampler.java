package io.github.braintumor.train;

import java.util.Random;

/**
 * Crops with optional augmentation in one inverse-mapping pass over float CHW planes: output pixel (i, j) of a
 * C x C crop reads the source at {@code centre + R(angle) * (flip(j - c), i - c) / scale}; bilinear for images,
 * nearest for masks, zero outside the slice. Without augmentation and an integer offset it is an exact copy.
 */
final class CropSampler {
    /** Geometric part of a sample: centre in source pixels, rotation (radians), zoom, horizontal flip. */
    record Transform(double centreY, double centreX, double angle, double scale, boolean flip) {
        static Transform plain(int y0, int x0, int crop) {
            return new Transform(y0 + (crop - 1) / 2.0, x0 + (crop - 1) / 2.0, 0, 1, false);
        }

        /** Random flip, rotation in +-maxDegrees, scale in [1-maxScale, 1+maxScale]. */
        Transform augmented(Random rng, double maxDegrees, double maxScale) {
            double a = Math.toRadians((rng.nextDouble() * 2 - 1) * maxDegrees);
            double s = 1 + (rng.nextDouble() * 2 - 1) * maxScale;
            return new Transform(centreY, centreX, a, s, rng.nextBoolean());
        }
    }

    private CropSampler() {}

    /**
     * @param src     source planes, channels x height x width
     * @param out     destination, channels x crop x crop starting at {@code outOffset}
     * @param nearest nearest-neighbour (masks) instead of bilinear
     */
    static void sample(
            float[] src,
            int channels,
            int height,
            int width,
            Transform t,
            int crop,
            float[] out,
            int outOffset,
            boolean nearest) {
        double c = (crop - 1) / 2.0;
        double cos = Math.cos(t.angle()) / t.scale();
        double sin = Math.sin(t.angle()) / t.scale();
        boolean identity = t.angle() == 0 && t.scale() == 1 && !t.flip();
        int plane = height * width;
        int outPlane = crop * crop;
        for (int i = 0; i < crop; i++) {
            double v = i - c;
            for (int j = 0; j < crop; j++) {
                double u = t.flip() ? c - j : j - c;
                double sx = identity ? t.centreX() + u : t.centreX() + cos * u - sin * v;
                double sy = identity ? t.centreY() + v : t.centreY() + sin * u + cos * v;
                int o = outOffset + i * crop + j;
                if (nearest || identity) {
                    int x = (int) Math.round(sx);
                    int y = (int) Math.round(sy);
                    boolean inside = x >= 0 && y >= 0 && x < width && y < height;
                    for (int ch = 0; ch < channels; ch++) {
                        out[o + ch * outPlane] = inside ? src[ch * plane + y * width + x] : 0f;
                    }
                } else {
                    int x0 = (int) Math.floor(sx);
                    int y0 = (int) Math.floor(sy);
                    float fx = (float) (sx - x0);
                    float fy = (float) (sy - y0);
                    for (int ch = 0; ch < channels; ch++) {
                        int base = ch * plane;
                        float a = at(src, base, width, height, y0, x0);
                        float b = at(src, base, width, height, y0, x0 + 1);
                        float d = at(src, base, width, height, y0 + 1, x0);
                        float e = at(src, base, width, height, y0 + 1, x0 + 1);
                        out[o + ch * outPlane] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
                    }
                }
            }
        }
    }

    private static float at(float[] src, int base, int width, int height, int y, int x) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : src[base + y * width + x];
    }
}
