package io.github.braintumor.data;

import java.util.Objects;

/**
 * Planar CHW unsigned bytes; channels 3 (pre-contrast, FLAIR, post-contrast).
 *
 * <p>Stand-in copied from docs/CONTRACTS.md so the tensor branch builds on its own; the data branch's
 * version replaces it on merge.
 *
 * <pre>{@code
 * SliceImage s = new SliceImage(2, 1, 3, new byte[6]);
 * int flair = s.unsigned(1, 0, 1);
 * }</pre>
 */
public record SliceImage(int width, int height, int channels, byte[] pixels) {
    public SliceImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("SliceImage needs positive width, height, channels; got "
                    + width + "x" + height + "x" + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("SliceImage " + width + "x" + height + "x" + channels
                    + " needs " + ((long) width * height * channels) + " bytes, got " + pixels.length);
        }
    }

    /** @return the value at channel c, row y, column x as 0..255. */
    public int unsigned(int c, int y, int x) {
        return pixels[(c * height + y) * width + x] & 0xff;
    }
}
