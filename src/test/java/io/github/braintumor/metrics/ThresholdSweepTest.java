package io.github.braintumor.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {

    private static final double EPS = 1e-12;

    @Test
    void defaultThresholds() {
        double[] t = ThresholdSweep.withDefaultThresholds().thresholds();
        assertEquals(19, t.length);
        assertEquals(0.05, t[0]);
        assertEquals(0.5, t[9]);
        assertEquals(0.95, t[18]);
    }

    @Test
    void countsSentElsewhereAddUpToTheSameSweep() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        ThresholdSweep here = ThresholdSweep.withDefaultThresholds(), there = ThresholdSweep.withDefaultThresholds();
        for (int s = 0; s < 5; s++) {
            float[] p = new float[64];
            byte[] t = new byte[64];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) r.nextDouble();
                t[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
            }
            here.accept(p, t);
            there.acceptCounts(there.sliceCounts(p, t));
        }
        assertEquals(here.points(), there.points()); // the same doubles, summed in the same order
        assertThrows(IllegalArgumentException.class, () -> there.acceptCounts(new long[3]));
    }

    @Test
    void handCase() {
        ThresholdSweep sweep = new ThresholdSweep(0.5, 0.9);
        // at 0.5: pred 0 1 1 1 vs truth 0 1 1 0 -> tp2 fp1 fn0 -> IoU 2/3
        // at 0.9: pred 0 0 0 1               -> tp0 fp1 fn2 -> IoU 0
        sweep.accept(new float[] {0.1f, 0.5f, 0.7f, 0.95f}, new byte[] {0, 1, 1, 0});
        // second slice: nothing anywhere, both empty at every threshold -> IoU 1
        sweep.accept(new float[] {0f, 0.2f, 0.3f, 0.4f}, new byte[4]);
        List<ThresholdSweep.Point> points = sweep.points();
        assertEquals(new Confusion(2, 1, 0, 5), points.get(0).pooled());
        assertEquals(new Confusion(0, 1, 2, 5), points.get(1).pooled());
        assertEquals((2.0 / 3 + 1) / 2, points.get(0).meanSliceIou(), EPS);
        assertEquals((0.0 + 1) / 2, points.get(1).meanSliceIou(), EPS);
        assertEquals(0.5, sweep.best(ThresholdSweep.Metric.POOLED_IOU).threshold());
        assertEquals(0.5, sweep.best(ThresholdSweep.Metric.MEAN_SLICE_DICE).threshold());
    }

    @Test
    void matchesBinarisingEachThreshold() {
        Random random = new Random(42);
        double[] thresholds = ThresholdSweep.steps(0.05, 0.95, 0.05);
        ThresholdSweep sweep = new ThresholdSweep(thresholds);
        Confusion[] expected = new Confusion[thresholds.length];
        double[] diceSum = new double[thresholds.length];
        java.util.Arrays.fill(expected, Confusion.ZERO);
        for (int s = 0; s < 5; s++) {
            float[] p = new float[300];
            byte[] truth = new byte[300];
            for (int i = 0; i < p.length; i++) {
                truth[i] = (byte) (random.nextDouble() < 0.3 ? 1 : 0);
                p[i] = (float) Math.min(1, Math.max(0, random.nextGaussian() * 0.25 + (truth[i] == 1 ? 0.65 : 0.35)));
            }
            if (s == 3) p[0] = 0.5f; // exactly on a threshold: counts as foreground
            sweep.accept(p, truth);
            for (int t = 0; t < thresholds.length; t++) {
                byte[] pred = new byte[p.length];
                for (int i = 0; i < p.length; i++) pred[i] = (byte) (p[i] >= thresholds[t] ? 1 : 0);
                Confusion c = Confusion.of(pred, truth);
                expected[t] = expected[t].plus(c);
                diceSum[t] += c.dice();
            }
        }
        List<ThresholdSweep.Point> points = sweep.points();
        for (int t = 0; t < thresholds.length; t++) {
            assertEquals(expected[t], points.get(t).pooled(), "threshold " + thresholds[t]);
            assertEquals(diceSum[t] / 5, points.get(t).meanSliceDice(), 1e-9);
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new ThresholdSweep(0.5, 0.4));
        assertThrows(IllegalStateException.class, () -> new ThresholdSweep(0.5).points());
        ThresholdSweep sweep = new ThresholdSweep(0.5);
        assertThrows(IllegalArgumentException.class, () -> sweep.accept(new float[2], new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> sweep.accept(new float[] {Float.NaN}, new byte[1]));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, ThresholdSweep.steps(0.1, 0.3, 0.1));
    }
}
