package io.github.braintumor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    private static final double EPS = 1e-12;

    @Test
    void countsAndScoresOfAHandCase() {
        // pred  1 1 1 0 0 0 1 0
        // truth 1 1 0 1 0 0 1 0  -> tp = 3 (0,1,6), fp = 1 (2), fn = 1 (3), tn = 3
        byte[] pred = {1, 1, 1, 0, 0, 0, 1, 0};
        byte[] truth = {1, 1, 0, 1, 0, 0, 1, 0};
        Confusion c = Confusion.of(pred, truth);
        assertEquals(new Confusion(3, 1, 1, 3), c);
        assertEquals(3.0 / 5, c.iou(), EPS); // 3 / (3+1+1)
        assertEquals(6.0 / 8, c.dice(), EPS); // 2*3 / (6+1+1)
        assertEquals(6.0 / 8, c.pixelAccuracy(), EPS); // (3+3) / 8
        assertEquals(3.0 / 4, c.precision(), EPS); // 3 / (3+1)
        assertEquals(3.0 / 4, c.recall(), EPS); // 3 / (3+1)
        assertEquals(3.0 / 4, c.specificity(), EPS); // 3 / (3+1)
        assertFalse(c.bothEmpty());
    }

    @Test
    void nonZeroBytesAreForegroundSo255MasksWork() {
        Confusion c = Confusion.of(new byte[] {(byte) 255, 0, 1}, new byte[] {1, 0, (byte) 255});
        assertEquals(new Confusion(2, 0, 0, 1), c);
    }

    @Test
    void booleanMasksCountLikeByteMasks() {
        assertEquals(
                Confusion.of(new byte[] {1, 1, 0, 0}, new byte[] {1, 0, 1, 0}),
                Confusion.of(new boolean[] {true, true, false, false}, new boolean[] {true, false, true, false}));
    }

    @Test
    void bothEmptyScoresOneAndIsFlagged() {
        Confusion c = Confusion.of(new byte[4], new byte[4]);
        assertTrue(c.bothEmpty());
        assertEquals(1.0, c.iou());
        assertEquals(1.0, c.dice());
        assertEquals(1.0, c.precision());
        assertEquals(1.0, c.recall());
        assertEquals(1.0, c.pixelAccuracy());
    }

    @Test
    void emptyTruthWithPredictionScoresZeroButFullRecall() {
        Confusion c = Confusion.of(new byte[] {1, 0}, new byte[] {0, 0});
        assertTrue(c.truthEmpty());
        assertFalse(c.predictionEmpty());
        assertFalse(c.bothEmpty());
        assertEquals(0.0, c.iou());
        assertEquals(0.0, c.dice());
        assertEquals(0.0, c.precision());
        assertEquals(1.0, c.recall());
    }

    @Test
    void emptyPredictionOnTumourScoresZero() {
        Confusion c = Confusion.of(new byte[] {0, 0}, new byte[] {1, 0});
        assertTrue(c.predictionEmpty());
        assertEquals(0.0, c.iou());
        assertEquals(0.0, c.dice());
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall());
    }

    @Test
    void noPixelsAtAllIsNeverNaN() {
        assertEquals(1.0, Confusion.ZERO.pixelAccuracy());
        assertEquals(1.0, Confusion.ZERO.specificity());
        assertEquals(1.0, Confusion.ZERO.iou());
    }

    @Test
    void plusPoolsCounts() {
        assertEquals(new Confusion(4, 6, 8, 10), new Confusion(1, 2, 3, 4).plus(new Confusion(3, 4, 5, 6)));
        assertEquals(new Confusion(1, 2, 3, 4), Confusion.ZERO.plus(new Confusion(1, 2, 3, 4)));
    }

    @Test
    void lengthMismatchNamesBothLengths() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Confusion.of(new byte[3], new byte[5]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Confusion(-1, 0, 0, 0));
    }

    @Test
    void sliceScoreDelegatesAndNamesTheSliceOnError() {
        SliceScore s = SliceScore.of("p1_3", new byte[] {1, 0}, new byte[] {0, 0});
        assertTrue(s.falsePositive());
        assertFalse(s.tumour());
        assertEquals(0.0, s.dice());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SliceScore.of("p1_4", new byte[1], new byte[2]));
        assertTrue(e.getMessage().contains("p1_4"), e.getMessage());
    }
}
