package io.github.braintumor.data;

import java.util.Arrays;

/**
 * One MRI slice as planar (CHW) unsigned bytes. LGG slices have 3 channels in the order pre-contrast, FLAIR,
 * post-contrast. The pixel array is shared, not copied: do not modify it after construction.
 *
 * <pre>{@code
 * SliceImage img = LggTiff.readImage(Path.of("TCGA_CS_4942_19970222_10.tif"));
 * int flairCentre = img.unsigned(SliceImage.FLAIR, 128, 128);   // 0..255
 * if (img.replicated()) System.out.println("single-channel file: FLAIR copied into all 3 channels");
 * }</pre>
 *
 * @param width      pixels per row
 * @param height     rows
 * @param channels   planes (3 for LGG data)
 * @param pixels     {@code channels * height * width} bytes, index {@code (c * height + y) * width + x}
 * @param replicated true when the source file had one channel that was copied into every channel
 */
public record SliceImage(int width, int height, int channels, byte[] pixels, boolean replicated) {
    /** Channel index of the pre-contrast T1 sequence. */
    public static final int PRE_CONTRAST = 0;
    /** Channel index of FLAIR. */
    public static final int FLAIR = 1;
    /** Channel index of the post-contrast T1 sequence. */
    public static final int POST_CONTRAST = 2;

    public SliceImage {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
        if (pixels == null || pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixel array has " + (pixels == null ? "null" : pixels.length)
                    + " bytes, expected channels*height*width = " + (long) width * height * channels);
        }
    }

    /** An image read from (or made for) a file with as many channels as {@code channels}: {@code replicated()} false. */
    public SliceImage(int width, int height, int channels, byte[] pixels) {
        this(width, height, channels, pixels, false);
    }

    /** @return the value at channel c, row y, column x as 0..255 */
    public int unsigned(int c, int y, int x) {
        return pixels[(c * height + y) * width + x] & 0xFF;
    }

    /** @return a copy of channel c (height*width bytes, row-major) */
    public byte[] plane(int c) {
        int n = width * height;
        return Arrays.copyOfRange(pixels, c * n, (c + 1) * n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceImage s
                && s.width == width
                && s.height == height
                && s.channels == channels
                && s.replicated == replicated
                && Arrays.equals(s.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "SliceImage[" + channels + "x" + height + "x" + width + (replicated ? ", replicated" : "") + "]";
    }
}
