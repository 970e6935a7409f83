package io.github.braintumor.data;

import java.util.Arrays;

/**
 * A binary tumour mask, one byte per pixel, each 0 (background) or 1 (tumour). The pixel array is shared, not
 * copied: do not modify it after construction.
 *
 * <pre>{@code
 * SliceMask mask = LggTiff.readMask(Path.of("TCGA_CS_4942_19970222_10_mask.tif"));
 * System.out.println(mask.isEmpty() ? "no tumour" : mask.area() + " tumour pixels");
 * }</pre>
 *
 * @param width  pixels per row
 * @param height rows
 * @param pixels height*width bytes, row-major, values 0 or 1
 */
public record SliceMask(int width, int height, byte[] pixels) {
    public SliceMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad mask shape " + height + "x" + width);
        }
        if (pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("mask array has " + (pixels == null ? "null" : pixels.length)
                    + " bytes, expected height*width = " + (long) width * height);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0 && pixels[i] != 1) {
                throw new IllegalArgumentException("mask value " + (pixels[i] & 0xFF) + " at index " + i
                        + "; masks hold 0 or 1 (LggTiff.readMask converts 0/255 files)");
            }
        }
    }

    /** @return an all-background mask */
    public static SliceMask empty(int width, int height) {
        return new SliceMask(width, height, new byte[width * height]);
    }

    /** @return 0 or 1 at row y, column x */
    public int get(int y, int x) {
        return pixels[y * width + x];
    }

    /** @return the number of tumour pixels */
    public long area() {
        long n = 0;
        for (byte b : pixels) {
            n += b;
        }
        return n;
    }

    /** @return true when no pixel is tumour */
    public boolean isEmpty() {
        for (byte b : pixels) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceMask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "SliceMask[" + height + "x" + width + ", area " + area() + "]";
    }
}
