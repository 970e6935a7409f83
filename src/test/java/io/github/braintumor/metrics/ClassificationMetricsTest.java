package io.github.braintumor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void scoresAtThreshold() {
        // p >= 0.5 predicted positive: 0.9 T -> tp, 0.6 F -> fp, 0.4 T -> fn, 0.2 F -> tn, 0.5 F -> fp
        ClassificationMetrics m = ClassificationMetrics.of(
                new double[] {0.9, 0.6, 0.4, 0.2, 0.5}, new boolean[] {true, false, true, false, false}, 0.5);
        assertEquals(new Confusion(1, 2, 1, 1), m.confusion());
        assertEquals(2.0 / 5, m.accuracy(), EPS);
        assertEquals(1.0 / 3, m.precision(), EPS);
        assertEquals(1.0 / 2, m.recall(), EPS);
        assertEquals(1.0 / 3, m.specificity(), EPS);
        // f1 = 2PR / (P+R) = (1/3) / (5/6) = 0.4 = 2*1 / (2+2+1)
        assertEquals(0.4, m.f1(), EPS);
    }

    @Test
    void aucPerfectReversedAndTies() {
        boolean[] truth = {false, false, true, true};
        assertEquals(
                1.0,
                ClassificationMetrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, truth)
                        .getAsDouble());
        assertEquals(
                0.0,
                ClassificationMetrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, truth)
                        .getAsDouble());
        assertEquals(
                0.5,
                ClassificationMetrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, truth)
                        .getAsDouble());
    }

    @Test
    void aucHandCases() {
        // positives {0.35, 0.8}, negatives {0.1, 0.4}: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4 -> 3/4
        assertEquals(
                0.75,
                ClassificationMetrics.rocAuc(
                                new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true})
                        .getAsDouble(),
                EPS);
        // positives {0.5, 0.9}, negatives {0.5, 0.2}: 0.5=0.5 counts 1/2, other three pairs won -> 3.5/4
        assertEquals(
                0.875,
                ClassificationMetrics.rocAuc(
                                new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {true, false, false, true})
                        .getAsDouble(),
                EPS);
    }

    @Test
    void aucOfOneClassIsUndefined() {
        assertFalse(ClassificationMetrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {true, true})
                .isPresent());
        assertFalse(ClassificationMetrics.rocAuc(new double[0], new boolean[0]).isPresent());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> ClassificationMetrics.of(new double[2], new boolean[3], 0.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> ClassificationMetrics.rocAuc(new double[] {Double.NaN, 1}, new boolean[] {true, false}));
    }
}
