package io.github.braintumor.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * An RGB picture of one slice with the outline of the truth mask in green and of the predicted mask in red
 * (yellow where the two outlines meet), optionally enlarged and captioned. An outline pixel is a foreground
 * pixel with a background 4-neighbour (the image border counts as background). Inputs are plain arrays, so
 * this works on anything: a grey plane (channels 1) or three planes in CHW order shown as R, G, B
 * (for LGG slices: pre-contrast, FLAIR, post-contrast, as the dataset's TIFFs display).
 *
 * <pre>{@code
 * BufferedImage img = Overlay.builder()
 *         .setImage(256, 256, 3, slice.pixels())
 *         .optTruth(truthMask.pixels()).optPrediction(predictedMask)
 *         .optScale(2).optCaption("TCGA_CS_4941 #12  Dice 0.81")
 *         .build();
 * Charts.writePng(img, Path.of("out/overlay_12.png"));
 * }</pre>
 */
public final class Overlay {

    public static final Color TRUTH = new Color(0x00E000);
    public static final Color PREDICTION = new Color(0xFF2020);
    public static final Color BOTH = new Color(0xFFFF00);

    private Overlay() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Image required ({@link #setImage}); masks, caption and scale optional. */
    public static final class Builder {
        private int width, height, channels;
        private byte[] pixels, truth, prediction;
        private String caption;
        private int scale = 1;

        private Builder() {}

        /**
         * @param channels 1 (grey) or 3 (CHW planes shown as R, G, B)
         * @param pixels unsigned bytes, {@code channels * height * width}
         */
        public Builder setImage(int width, int height, int channels, byte[] pixels) {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("Overlay needs 1 or 3 channels, got " + channels);
            }
            if (pixels.length != (long) width * height * channels) {
                throw new IllegalArgumentException("Image of " + width + "x" + height + "x" + channels + " needs "
                        + (long) width * height * channels + " bytes, got " + pixels.length);
            }
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.pixels = pixels;
            return this;
        }

        /** Truth mask, one byte per pixel, non-zero = foreground; outlined in green. */
        public Builder optTruth(byte[] mask) {
            this.truth = mask;
            return this;
        }

        /** Predicted mask, one byte per pixel, non-zero = foreground; outlined in red. */
        public Builder optPrediction(byte[] mask) {
            this.prediction = mask;
            return this;
        }

        /** Text in a black strip under the picture. */
        public Builder optCaption(String caption) {
            this.caption = caption;
            return this;
        }

        /** Whole-number enlargement (nearest neighbour), 1..8; 1 by default. */
        public Builder optScale(int scale) {
            if (scale < 1 || scale > 8) {
                throw new IllegalArgumentException("Overlay scale must be 1..8, got " + scale);
            }
            this.scale = scale;
            return this;
        }

        public BufferedImage build() {
            if (pixels == null) {
                throw new IllegalStateException("Call setImage(width, height, channels, pixels) first");
            }
            int n = width * height;
            boolean[] truthEdge = truth == null ? new boolean[n] : outline(truth, "truth");
            boolean[] predictionEdge = prediction == null ? new boolean[n] : outline(prediction, "prediction");
            int[] rgb = new int[n];
            for (int i = 0; i < n; i++) {
                if (truthEdge[i] && predictionEdge[i]) rgb[i] = BOTH.getRGB();
                else if (truthEdge[i]) rgb[i] = TRUTH.getRGB();
                else if (predictionEdge[i]) rgb[i] = PREDICTION.getRGB();
                else if (channels == 1) rgb[i] = grey(pixels[i] & 0xFF);
                else rgb[i] = (pixels[i] & 0xFF) << 16 | (pixels[n + i] & 0xFF) << 8 | (pixels[2 * n + i] & 0xFF);
            }
            int captionHeight = caption == null ? 0 : 24;
            int w = width * scale, h = height * scale;
            BufferedImage out = new BufferedImage(w, h + captionHeight, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(x, y, rgb[(y / scale) * width + x / scale]);
                }
            }
            if (caption != null) {
                Graphics2D g = out.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.BLACK);
                g.fillRect(0, h, w, captionHeight);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                FontMetrics fm = g.getFontMetrics();
                g.drawString(caption, 4, h + (captionHeight + fm.getAscent() - fm.getDescent()) / 2);
                g.dispose();
            }
            return out;
        }

        private boolean[] outline(byte[] mask, String what) {
            if (mask.length != width * height) {
                throw new IllegalArgumentException("The " + what + " mask has " + mask.length
                        + " pixels but the image is " + width + "x" + height + " = " + width * height);
            }
            return Overlay.outline(mask, width, height);
        }

        private static int grey(int v) {
            return v << 16 | v << 8 | v;
        }
    }

    /** Foreground pixels with a background 4-neighbour; the border outside the image counts as background. */
    public static boolean[] outline(byte[] mask, int width, int height) {
        boolean[] edge = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (mask[i] == 0) continue;
                edge[i] = x == 0
                        || y == 0
                        || x == width - 1
                        || y == height - 1
                        || mask[i - 1] == 0
                        || mask[i + 1] == 0
                        || mask[i - width] == 0
                        || mask[i + width] == 0;
            }
        }
        return edge;
    }
}
