package io.github.braintumor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SegmentationSummaryTest {

    private static final double EPS = 1e-12;

    // A: tp3 fp1 fn0 tn4 -> IoU 3/4, Dice 6/7
    // B: tp1 fp0 fn1 tn6 -> IoU 1/2, Dice 2/3
    // C: both empty      -> IoU 1,   Dice 1
    // D: truth empty, fp2 -> IoU 0,  Dice 0
    private static final Confusion A = new Confusion(3, 1, 0, 4);
    private static final Confusion B = new Confusion(1, 0, 1, 6);
    private static final Confusion C = new Confusion(0, 0, 0, 8);
    private static final Confusion D = new Confusion(0, 2, 0, 6);

    @Test
    void microAndMacroOfAHandCase() {
        SegmentationSummary s = SegmentationSummary.ofConfusions(List.of(A, B, C, D));
        // pooled tp4 fp3 fn1 tn24 (32 px)
        assertEquals(new Confusion(4, 3, 1, 24), s.pooled());
        assertEquals(4.0 / 8, s.microIou(), EPS); // 4 / (4+3+1)
        assertEquals(8.0 / 12, s.microDice(), EPS); // 8 / (8+3+1)
        assertEquals(28.0 / 32, s.microPixelAccuracy(), EPS);
        assertEquals(4.0 / 7, s.microPrecision(), EPS);
        assertEquals(4.0 / 5, s.microRecall(), EPS);
        assertEquals((0.75 + 0.5 + 1 + 0) / 4, s.macroIouAllSlices(), EPS);
        assertEquals((6.0 / 7 + 2.0 / 3 + 1 + 0) / 4, s.macroDiceAllSlices(), EPS);
        assertEquals((7.0 / 8 + 7.0 / 8 + 1 + 6.0 / 8) / 4, s.macroPixelAccuracyAllSlices(), EPS);
        // tumour slices A and B
        assertEquals(2, s.tumourSliceCount());
        assertEquals((0.75 + 0.5) / 2, s.macroIouTumourSlices().getAsDouble(), EPS);
        assertEquals((6.0 / 7 + 2.0 / 3) / 2, s.macroDiceTumourSlices().getAsDouble(), EPS);
        assertEquals((0.75 + 1.0) / 2, s.macroPrecisionTumourSlices().getAsDouble(), EPS);
        assertEquals((1.0 + 0.5) / 2, s.macroRecallTumourSlices().getAsDouble(), EPS);
        assertEquals((6.0 / 7 + 2.0 / 3) / 2, s.medianDiceTumourSlices().getAsDouble(), EPS);
        // population std of two values = half their distance: (18/21 - 14/21) / 2 = 2/21
        assertEquals(2.0 / 21, s.stdDiceTumourSlices().getAsDouble(), EPS);
        // empty-truth slices C and D; D is a false positive
        assertEquals(1, s.bothEmptyCount());
        assertEquals(2, s.emptyTruthSliceCount());
        assertEquals(1, s.falsePositiveSliceCount());
        assertEquals(0.5, s.falsePositiveRateOnEmptySlices().getAsDouble(), EPS);
        assertEquals(4, s.sliceCount());
    }

    @Test
    void subsetStatisticsAreEmptyNotNaNWhenTheSubsetIsEmpty() {
        SegmentationSummary s = SegmentationSummary.ofConfusions(List.of(C, D));
        assertFalse(s.macroIouTumourSlices().isPresent());
        assertFalse(s.medianDiceTumourSlices().isPresent());
        assertNull(s.toMap().get("macroDiceTumourSlices"));
        SegmentationSummary t = SegmentationSummary.ofConfusions(List.of(A));
        assertFalse(t.falsePositiveRateOnEmptySlices().isPresent());
        assertEquals(0.0, t.stdDiceTumourSlices().getAsDouble());
    }

    @Test
    void medianOfOddCount() {
        assertEquals(2.0, SegmentationSummary.median(new double[] {3, 1, 2}).getAsDouble());
    }

    @Test
    void noSlicesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SegmentationSummary.of(List.of()));
    }

    /**
     * The study's point: with small tumours on 256x256 slices pixel accuracy is ~0.999 while IoU is ~0.78.
     * Truth: a 24x24 square (576 px); prediction: the same square shifted 3 px right, so
     * tp = 21*24 = 504, fp = fn = 3*24 = 72 per tumour slice. Two such slices plus two both-empty slices:
     * micro IoU = 1008 / (1008 + 144 + 144) = 7/9 = 0.7778,
     * pixel accuracy = 1 - 288 / (4 * 65536) = 0.998901.
     */
    @Test
    void pixelAccuracyHidesPoorOverlap() {
        int size = 256;
        List<SliceScore> slices = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            byte[] truth = new byte[size * size];
            byte[] pred = new byte[size * size];
            square(truth, size, 100, 100, 24);
            square(pred, size, 103, 100, 24);
            slices.add(SliceScore.of("tumour" + k, pred, truth));
            slices.add(SliceScore.of("empty" + k, new byte[size * size], new byte[size * size]));
        }
        SegmentationSummary s = SegmentationSummary.of(slices);
        assertEquals(7.0 / 9, s.microIou(), EPS);
        assertEquals(1 - 288.0 / (4 * 65536), s.microPixelAccuracy(), EPS);
        assertTrue(s.microPixelAccuracy() > 0.998 && s.microIou() < 0.8, s.toString());
        assertEquals(7.0 / 9, s.macroIouTumourSlices().getAsDouble(), EPS);
        assertEquals((7.0 / 9 * 2 + 2) / 4, s.macroIouAllSlices(), EPS); // both-empty slices lift the mean
        assertEquals(2, s.bothEmptyCount());
    }

    private static void square(byte[] mask, int width, int x0, int y0, int side) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                mask[y * width + x] = 1;
            }
        }
    }

    record Item(String patient, double position, Confusion confusion) {}

    @Test
    void groupsGiveVolumeDicePerPatient() {
        List<Item> items =
                List.of(new Item("p2", 0.0, A), new Item("p1", 0.5, B), new Item("p2", 1.0, D), new Item("p1", 0.1, C));
        Map<String, SegmentationSummary> perPatient = GroupedScores.byGroup(items, Item::patient, Item::confusion);
        assertEquals(List.of("p2", "p1"), List.copyOf(perPatient.keySet())); // first appearance
        // p2 = A + D: tp3 fp3 fn0 -> Dice 6/9
        assertEquals(6.0 / 9, perPatient.get("p2").microDice(), EPS);
        // p1 = B + C: tp1 fp0 fn1 -> Dice 2/3
        assertEquals(2.0 / 3, perPatient.get("p1").microDice(), EPS);
        Map<String, Double> volume = GroupedScores.volumeDice(items, Item::patient, Item::confusion);
        assertEquals(6.0 / 9, volume.get("p2"), EPS);
        assertEquals(
                (6.0 / 9 + 2.0 / 3) / 2,
                GroupedScores.mean(perPatient, SegmentationSummary::microDice).getAsDouble(),
                EPS);

        Map<Integer, SegmentationSummary> perBin = new TreeMap<>(
                GroupedScores.byGroup(items, i -> GroupedScores.positionBin(i.position(), 2), Item::confusion));
        assertEquals(List.of(0, 1), List.copyOf(perBin.keySet()));
        assertEquals(2, perBin.get(1).sliceCount()); // 0.5 and 1.0
    }

    @Test
    void positionBins() {
        assertEquals(0, GroupedScores.positionBin(0.0, 5));
        assertEquals(0, GroupedScores.positionBin(0.1999, 5));
        assertEquals(1, GroupedScores.positionBin(0.2, 5));
        assertEquals(4, GroupedScores.positionBin(1.0, 5));
        assertEquals(0, GroupedScores.positionBin(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> GroupedScores.positionBin(1.01, 5));
        assertThrows(IllegalArgumentException.class, () -> GroupedScores.positionBin(Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> GroupedScores.positionBin(0.5, 0));
    }
}
