package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braintumor.infer.PostProcessing;
import io.github.braintumor.metrics.ClassificationMetrics;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.metrics.ThresholdSweep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segmenting, evaluating, sweeping and classifying all call a probability equal to the threshold tumour. */
class ThresholdRuleTest {
    private static final float[] P = {0.25f, 0.5f, 0.75f, Float.NaN};
    private static final byte[] EXPECTED = {0, 1, 1, 0};

    @Test
    void everyPathUsesTheSameRule() {
        assertArrayEquals(EXPECTED, ThresholdRule.mask(P, 0.5));
        assertArrayEquals(EXPECTED, PostProcessing.threshold(P, 2, 2, 0.5f).pixels(), "segment");
        assertArrayEquals(EXPECTED, PatientScorer.threshold(List.of(P), 0.5)[0], "evaluate");
        ThresholdSweep sweep = ThresholdSweep.withDefaultThresholds();
        sweep.accept(new float[] {0.25f, 0.5f, 0.75f, 0f}, EXPECTED); // truth = mask at 0.5: Dice 1 there
        ThresholdSweep.Point at05 = sweep.points().stream()
                .filter(p -> Math.abs(p.threshold() - 0.5) < 1e-9)
                .findFirst()
                .orElseThrow();
        assertEquals(1.0, at05.pooled().dice(), 1e-12, "threshold sweep");
        ClassificationMetrics cm = ClassificationMetrics.of(new double[] {0.5, 0.49}, new boolean[] {true, false}, 0.5);
        assertEquals(1.0, cm.accuracy(), 0, "slice classifier");
    }
}
