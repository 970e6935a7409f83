package io.github.braintumor.infer;

/** Plane resampling on float CHW arrays: bilinear resize (pixel centres aligned) and integer block averaging. */
public final class Resampling {
    private Resampling() {}

    /** @return the planes resized to outH x outW (bilinear, edge-clamped) */
    public static float[] bilinear(float[] src, int channels, int h, int w, int outH, int outW) {
        float[] out = new float[channels * outH * outW];
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int c = 0; c < channels; c++) {
            int base = c * h * w;
            for (int y = 0; y < outH; y++) {
                double fy = Math.max(0, Math.min(h - 1, (y + 0.5) * sy - 0.5));
                int y0 = (int) fy;
                int y1 = Math.min(h - 1, y0 + 1);
                float ty = (float) (fy - y0);
                for (int x = 0; x < outW; x++) {
                    double fx = Math.max(0, Math.min(w - 1, (x + 0.5) * sx - 0.5));
                    int x0 = (int) fx;
                    int x1 = Math.min(w - 1, x0 + 1);
                    float tx = (float) (fx - x0);
                    float top = src[base + y0 * w + x0] * (1 - tx) + src[base + y0 * w + x1] * tx;
                    float bottom = src[base + y1 * w + x0] * (1 - tx) + src[base + y1 * w + x1] * tx;
                    out[c * outH * outW + y * outW + x] = top * (1 - ty) + bottom * ty;
                }
            }
        }
        return out;
    }

    /** @return the planes downscaled by averaging {@code factor x factor} blocks */
    public static float[] average(float[] src, int channels, int h, int w, int factor) {
        int oh = h / factor;
        int ow = w / factor;
        float[] out = new float[channels * oh * ow];
        float norm = 1f / (factor * factor);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = c * h * w + (y * factor + dy) * w + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            sum += src[row + dx];
                        }
                    }
                    out[c * oh * ow + y * ow + x] = sum * norm;
                }
            }
        }
        return out;
    }
}
