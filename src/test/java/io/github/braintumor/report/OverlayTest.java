package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OverlayTest {

    @Test
    void outlineIsForegroundWithABackgroundNeighbour() {
        // 3x3 block in a 5x5 image: its centre is interior, the other 8 are outline
        byte[] mask = new byte[25];
        for (int y = 1; y <= 3; y++) for (int x = 1; x <= 3; x++) mask[y * 5 + x] = 1;
        boolean[] edge = Overlay.outline(mask, 5, 5);
        int count = 0;
        for (boolean b : edge) if (b) count++;
        assertEquals(8, count);
        assertEquals(false, edge[2 * 5 + 2]);
        assertEquals(true, edge[1 * 5 + 1]);
    }

    @Test
    void coloursTruthGreenPredictionRedOverlapYellowAndKeepsImagePixels() {
        int w = 6, h = 6;
        byte[] grey = new byte[w * h];
        java.util.Arrays.fill(grey, (byte) 100);
        byte[] truth = new byte[w * h];
        byte[] pred = new byte[w * h];
        truth[2 * w + 2] = 1; // a single pixel is its own outline
        pred[2 * w + 2] = 1; // same pixel: overlap
        pred[4 * w + 4] = 1; // prediction only
        truth[0] = 1; // truth only, at the border
        BufferedImage img = Overlay.builder()
                .setImage(w, h, 1, grey)
                .optTruth(truth)
                .optPrediction(pred)
                .optScale(2)
                .optCaption("test")
                .build();
        assertEquals(12, img.getWidth());
        assertEquals(12 + 24, img.getHeight());
        assertEquals(Overlay.BOTH.getRGB(), img.getRGB(2 * 2, 2 * 2));
        assertEquals(Overlay.PREDICTION.getRGB(), img.getRGB(4 * 2 + 1, 4 * 2 + 1));
        assertEquals(Overlay.TRUTH.getRGB(), img.getRGB(0, 0));
        assertEquals(0xFF646464, img.getRGB(2, 10)); // grey 100 untouched
    }

    @Test
    void threeChannelsMapToRgb() {
        byte[] chw = {10, 20, 30}; // 1x1: R=10, G=20, B=30
        BufferedImage img = Overlay.builder().setImage(1, 1, 3, chw).build();
        assertArrayEquals(new int[] {10, 20, 30}, img.getRaster().getPixel(0, 0, new int[3]));
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Overlay.builder().setImage(2, 2, 3, new byte[4]));
        assertThrows(
                IllegalArgumentException.class,
                () -> Overlay.builder()
                        .setImage(2, 2, 1, new byte[4])
                        .optTruth(new byte[3])
                        .build());
        assertThrows(IllegalStateException.class, () -> Overlay.builder().build());
    }
}
