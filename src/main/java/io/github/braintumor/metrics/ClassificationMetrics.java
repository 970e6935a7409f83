package io.github.braintumor.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Slice-level (tumour / no tumour) classification scores at a threshold, and ROC AUC.
 * A sample is predicted positive when {@code probability >= threshold}. Degenerate ratios follow the empty
 * rule of {@link Confusion} (e.g. precision with no predicted positives and no actual positives is 1,
 * F1 equals Dice of the counts); nothing is NaN.
 *
 * <pre>{@code
 * ClassificationMetrics m = ClassificationMetrics.of(new double[] {0.9, 0.2, 0.7}, new boolean[] {true, false, false}, 0.5);
 * m.accuracy(); // 2 / 3
 * OptionalDouble auc = ClassificationMetrics.rocAuc(new double[] {0.9, 0.2, 0.7}, new boolean[] {true, false, false}); // 1.0
 * }</pre>
 */
public final class ClassificationMetrics {

    private final Confusion confusion;
    private final double threshold;

    private ClassificationMetrics(Confusion confusion, double threshold) {
        this.confusion = confusion;
        this.threshold = threshold;
    }

    /**
     * @throws IllegalArgumentException on length mismatch, a NaN probability or a NaN threshold
     */
    public static ClassificationMetrics of(double[] probability, boolean[] truth, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("Threshold is NaN");
        }
        check(probability, truth);
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < probability.length; i++) {
            boolean p = ThresholdRule.positive(probability[i], threshold);
            if (p && truth[i]) tp++;
            else if (p) fp++;
            else if (truth[i]) fn++;
            else tn++;
        }
        return new ClassificationMetrics(new Confusion(tp, fp, fn, tn), threshold);
    }

    private static void check(double[] scores, boolean[] truth) {
        if (scores.length != truth.length) {
            throw new IllegalArgumentException("There are " + scores.length + " scores but " + truth.length
                    + " truth labels; give one score per labelled sample");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("Score " + i + " is NaN; check the model output");
            }
        }
    }

    /**
     * Area under the ROC curve by the Mann-Whitney rank formula, tied scores getting their mean rank (a tie
     * between a positive and a negative counts 1/2):
     * {@code AUC = (sum of positive ranks - nPos (nPos + 1) / 2) / (nPos nNeg)}.
     *
     * @return empty when the samples are all of one class (or there are none): AUC is undefined then
     * @throws IllegalArgumentException on length mismatch or a NaN score
     */
    public static OptionalDouble rocAuc(double[] scores, boolean[] truth) {
        check(scores, truth);
        int n = scores.length;
        long positives = 0;
        for (boolean t : truth) if (t) positives++;
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return OptionalDouble.empty();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) end++;
            double meanRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int k = start; k <= end; k++) {
                if (truth[order[k]]) positiveRankSum += meanRank;
            }
            start = end + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return OptionalDouble.of(u / ((double) positives * negatives));
    }

    public Confusion confusion() {
        return confusion;
    }

    public double threshold() {
        return threshold;
    }

    public long truePositives() {
        return confusion.tp();
    }

    public long falsePositives() {
        return confusion.fp();
    }

    public long falseNegatives() {
        return confusion.fn();
    }

    public long trueNegatives() {
        return confusion.tn();
    }

    public double accuracy() {
        return confusion.pixelAccuracy();
    }

    public double precision() {
        return confusion.precision();
    }

    /** Sensitivity. */
    public double recall() {
        return confusion.recall();
    }

    public double specificity() {
        return confusion.specificity();
    }

    /** 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall where both are defined. */
    public double f1() {
        return confusion.dice();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ClassificationMetrics[threshold=%.3f, tp=%d, fp=%d, fn=%d, tn=%d, accuracy=%.4f, precision=%.4f,"
                        + " recall=%.4f, specificity=%.4f, f1=%.4f]",
                threshold,
                confusion.tp(),
                confusion.fp(),
                confusion.fn(),
                confusion.tn(),
                accuracy(),
                precision(),
                recall(),
                specificity(),
                f1());
    }
}
