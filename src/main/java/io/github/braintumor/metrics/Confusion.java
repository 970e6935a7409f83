package io.github.braintumor.metrics;

/**
 * Pixel (or sample) confusion counts of a binary prediction against a binary truth, and the overlap
 * scores derived from them. Immutable; {@link #plus} pools counts (micro averaging, volume scores).
 *
 * <h2>Empty rule</h2>
 * Scores are never NaN and never -1. Where a ratio has a zero denominator the value is fixed as follows:
 * <table>
 * <caption>Scores of degenerate cases</caption>
 * <tr><th>case</th><th>IoU</th><th>Dice</th><th>precision</th><th>recall</th></tr>
 * <tr><td>truth empty, prediction empty ({@link #bothEmpty()})</td><td>1</td><td>1</td><td>1</td><td>1</td></tr>
 * <tr><td>truth empty, prediction non-empty</td><td>0</td><td>0</td><td>0</td><td>1 (nothing to find)</td></tr>
 * <tr><td>truth non-empty, prediction empty</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
 * </table>
 * So precision of an empty prediction is 1 only when the truth is empty too, and recall of an empty truth is
 * always 1. Both-empty slices score a perfect 1 and are flagged so summaries can count them separately
 * (they are most slices of a brain volume and would otherwise inflate the mean). Pixel accuracy and
 * specificity of zero pixels / zero negatives are 1 (vacuously correct).
 *
 * <pre>{@code
 * Confusion c = Confusion.of(new byte[] {1, 1, 0, 0}, new byte[] {1, 0, 1, 0});
 * c.tp(); // 1   c.fp(); // 1   c.fn(); // 1   c.tn(); // 1
 * c.iou();  // 1 / 3
 * c.dice(); // 2 / 4 = 0.5
 * }</pre>
 *
 * @param tp foreground in both prediction and truth
 * @param fp foreground in the prediction only
 * @param fn foreground in the truth only
 * @param tn background in both
 */
public record Confusion(long tp, long fp, long fn, long tn) {

    /** No pixels at all; the identity of {@link #plus}. */
    public static final Confusion ZERO = new Confusion(0, 0, 0, 0);

    public Confusion {
        if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
            throw new IllegalArgumentException(
                    "Confusion counts must be >= 0, got tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn);
        }
    }

    /**
     * Counts a predicted mask against a truth mask, pixel by pixel; any non-zero byte is foreground
     * (so 0/1 and 0/255 masks both work).
     *
     * @throws IllegalArgumentException if the arrays differ in length (both lengths are named)
     */
    public static Confusion of(byte[] prediction, byte[] truth) {
        checkLengths(prediction.length, truth.length);
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < prediction.length; i++) {
            boolean p = prediction[i] != 0;
            boolean t = truth[i] != 0;
            if (p && t) tp++;
            else if (p) fp++;
            else if (t) fn++;
        }
        return new Confusion(tp, fp, fn, prediction.length - tp - fp - fn);
    }

    /** As {@link #of(byte[], byte[])} for boolean masks ({@code true} = foreground). */
    public static Confusion of(boolean[] prediction, boolean[] truth) {
        checkLengths(prediction.length, truth.length);
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < prediction.length; i++) {
            if (prediction[i] && truth[i]) tp++;
            else if (prediction[i]) fp++;
            else if (truth[i]) fn++;
        }
        return new Confusion(tp, fp, fn, prediction.length - tp - fp - fn);
    }

    private static void checkLengths(int prediction, int truth) {
        if (prediction != truth) {
            throw new IllegalArgumentException("Prediction has " + prediction + " pixels but truth has " + truth
                    + "; compare masks of the same slice size");
        }
    }

    /** Pooled counts of this and {@code other}. */
    public Confusion plus(Confusion other) {
        return new Confusion(
                Math.addExact(tp, other.tp),
                Math.addExact(fp, other.fp),
                Math.addExact(fn, other.fn),
                Math.addExact(tn, other.tn));
    }

    public long total() {
        return tp + fp + fn + tn;
    }

    /** Foreground pixels in the truth. */
    public long truthArea() {
        return tp + fn;
    }

    /** Foreground pixels in the prediction. */
    public long predictionArea() {
        return tp + fp;
    }

    public boolean truthEmpty() {
        return truthArea() == 0;
    }

    public boolean predictionEmpty() {
        return predictionArea() == 0;
    }

    /** Neither truth nor prediction has foreground: a correct "no tumour"; scores are 1 by the empty rule. */
    public boolean bothEmpty() {
        return truthEmpty() && predictionEmpty();
    }

    /** Jaccard index tp / (tp + fp + fn); 1 when both are empty. */
    public double iou() {
        long union = tp + fp + fn;
        return union == 0 ? 1.0 : (double) tp / union;
    }

    /** Dice (F1) 2tp / (2tp + fp + fn); 1 when both are empty. */
    public double dice() {
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 1.0 : 2.0 * tp / denominator;
    }

    /** (tp + tn) / all pixels; 1 for no pixels. */
    public double pixelAccuracy() {
        long total = total();
        return total == 0 ? 1.0 : (double) (tp + tn) / total;
    }

    /** tp / (tp + fp); for an empty prediction 1 if the truth is empty too, else 0. */
    public double precision() {
        long predicted = predictionArea();
        if (predicted == 0) {
            return truthEmpty() ? 1.0 : 0.0;
        }
        return (double) tp / predicted;
    }

    /** tp / (tp + fn) (sensitivity); 1 for an empty truth (nothing to find). */
    public double recall() {
        long actual = truthArea();
        return actual == 0 ? 1.0 : (double) tp / actual;
    }

    /** tn / (tn + fp); 1 when there are no negatives. */
    public double specificity() {
        long negatives = tn + fp;
        return negatives == 0 ? 1.0 : (double) tn / negatives;
    }
}
