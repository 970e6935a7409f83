package io.github.braintumor.data;

import java.util.Objects;

/**
 * One byte per pixel, 0 or 1.
 *
 * <p>Stand-in copied from docs/CONTRACTS.md so the tensor branch builds on its own; the data branch's
 * version replaces it on merge.
 *
 * <pre>{@code
 * SliceMask m = new SliceMask(2, 1, new byte[] {0, 1});
 * long a = m.area(); // 1
 * }</pre>
 */
public record SliceMask(int width, int height, byte[] pixels) {
    public SliceMask {
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("SliceMask " + width + "x" + height + " needs "
                    + ((long) width * height) + " bytes, got " + pixels.length);
        }
    }

    /** @return the number of foreground (non-zero) pixels. */
    public long area() {
        long n = 0;
        for (byte b : pixels) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    /** @return true when no pixel is foreground. */
    public boolean isEmpty() {
        for (byte b : pixels) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
