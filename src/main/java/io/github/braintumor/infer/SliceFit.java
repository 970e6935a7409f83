package io.github.braintumor.infer;

import java.util.Locale;

/**
 * Where one slice goes in the network's square input and how the network's answer comes back onto the slice's own
 * grid. Square pixels (or no calibration): the slice is stretched to {@code side x side} (bilinear, pixel centres
 * aligned), as it always was. Pixels with another physical aspect ({@code pixelAspect = pixelWidth / pixelHeight}):
 * the slice is scaled so that its field of view keeps its physical proportions, fitted into the square, centred,
 * and the rest filled with zeros; the answer is cropped to that region and scaled back, the exact inverse mapping.
 *
 * <pre>{@code
 * SliceFit fit = SliceFit.of(256, 256, 256, 0.5);   // pixels half as wide as tall
 * fit.describe();                                  // "256x256 -> 128x256 (padded to 256x256)"
 * float[] input = fit.toInput(chw, 3);             // 3 x 256 x 256, zeros left and right
 * float[] back = fit.fromOutput(probabilities, 256);   // 256 x 256 again
 * }</pre>
 *
 * @param width     the slice's width
 * @param height    the slice's height
 * @param side      the network's input size
 * @param x         left edge of the slice's region in the input
 * @param y         top edge of the slice's region in the input
 * @param fitWidth  width of that region
 * @param fitHeight height of that region
 */
public record SliceFit(int width, int height, int side, int x, int y, int fitWidth, int fitHeight) {
    /**
     * @param pixelAspect pixel width / pixel height; 1, 0, negative or NaN = square pixels
     */
    public static SliceFit of(int width, int height, int side, double pixelAspect) {
        if (!anisotropic(pixelAspect)) return new SliceFit(width, height, side, 0, 0, side, side);
        double physicalWidth = width * pixelAspect; // in units of the pixel height
        double scale = side / Math.max(physicalWidth, height);
        int fw = Math.max(1, Math.min(side, (int) Math.round(physicalWidth * scale)));
        int fh = Math.max(1, Math.min(side, (int) Math.round(height * scale)));
        return new SliceFit(width, height, side, (side - fw) / 2, (side - fh) / 2, fw, fh);
    }

    /** @return whether {@code pixelAspect} (width / height) describes pixels that are not square */
    public static boolean anisotropic(double pixelAspect) {
        return Double.isFinite(pixelAspect) && pixelAspect > 0 && Math.abs(pixelAspect - 1) > 1e-9;
    }

    /** @return true when the slice goes to the network as it is */
    public boolean identity() {
        return width == side && height == side && !padded();
    }

    /** @return true when the slice fills only part of the input (the rest is zeros) */
    public boolean padded() {
        return fitWidth != side || fitHeight != side;
    }

    /** @return the planes ({@code channels x height x width}) as {@code channels x side x side} network input */
    public float[] toInput(float[] chw, int channels) {
        if (identity()) return chw;
        float[] fitted = Resampling.bilinear(chw, channels, height, width, fitHeight, fitWidth);
        if (!padded()) return fitted;
        float[] out = new float[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int row = 0; row < fitHeight; row++) {
                System.arraycopy(
                        fitted,
                        (c * fitHeight + row) * fitWidth,
                        out,
                        c * side * side + (y + row) * side + x,
                        fitWidth);
            }
        }
        return out;
    }

    /**
     * @param plane   one output plane of the network, {@code outSide x outSide}
     * @param outSide the output's size (the input size, or smaller for a model that sees a downscaled input)
     * @return the plane on the slice's grid, {@code height x width}
     */
    public float[] fromOutput(float[] plane, int outSide) {
        if (outSide == width && outSide == height && !padded()) return plane;
        if (!padded()) return Resampling.bilinear(plane, 1, outSide, outSide, height, width);
        float[] full = outSide == side ? plane : Resampling.bilinear(plane, 1, outSide, outSide, side, side);
        float[] region = new float[fitWidth * fitHeight];
        for (int row = 0; row < fitHeight; row++) {
            System.arraycopy(full, (y + row) * side + x, region, row * fitWidth, fitWidth);
        }
        return Resampling.bilinear(region, 1, fitHeight, fitWidth, height, width);
    }

    /** @return e.g. "512x512 -&gt; 256x256", "256x256 -&gt; 128x256 (padded to 256x256)", or "" when nothing is done */
    public String describe() {
        if (identity()) return "";
        String s = String.format(Locale.ROOT, "%dx%d -> %dx%d", width, height, fitWidth, fitHeight);
        return padded() ? s + String.format(Locale.ROOT, " (padded to %dx%d)", side, side) : s;
    }
}
