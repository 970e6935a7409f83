package io.github.braintumor.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Segmentation scores of a set of slices, both ways they are usually reported:
 * <ul>
 * <li><b>micro</b>: the scores of the pooled pixel counts of all slices. For the slices of one patient,
 * {@link #microDice()} is the volume (3-D) Dice.</li>
 * <li><b>macro</b>: the mean of per-slice scores, over all slices (both-empty slices count as 1 by the empty
 * rule of {@link Confusion}) and over <i>tumour slices</i> only (slices whose truth is non-empty).</li>
 * </ul>
 * Pixel accuracy is kept next to IoU on purpose: on 256x256 slices with small tumours it is ~0.998 even when
 * IoU is ~0.8, and reports should show the gap.
 *
 * <p>Statistics of a subset that may be empty (tumour slices, empty-truth slices) are {@link OptionalDouble}
 * and empty when the subset is; nothing is ever NaN. Standard deviation is the population one (divide by n).
 *
 * <pre>{@code
 * SegmentationSummary s = SegmentationSummary.of(List.of(
 *         SliceScore.of("a", predA, truthA), SliceScore.of("b", predB, truthB)));
 * s.microIou(); s.macroDiceTumourSlices().orElse(0); s.bothEmptyCount();
 * }</pre>
 */
public final class SegmentationSummary {

    private final int sliceCount;
    private final int tumourSliceCount;
    private final int emptyTruthSliceCount;
    private final int bothEmptyCount;
    private final int falsePositiveSliceCount;
    private final Confusion pooled;
    private final double macroIouAll, macroDiceAll, macroPixelAccuracyAll;
    private final OptionalDouble macroIouTumour, macroDiceTumour, macroPrecisionTumour, macroRecallTumour;
    private final OptionalDouble medianDiceTumour, stdDiceTumour;

    private SegmentationSummary(Collection<Confusion> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("A segmentation summary needs at least one slice, got none");
        }
        Confusion sum = Confusion.ZERO;
        List<Confusion> tumour = new ArrayList<>();
        int bothEmpty = 0, emptyTruth = 0, falsePositive = 0;
        for (Confusion c : slices) {
            sum = sum.plus(c);
            if (c.truthEmpty()) {
                emptyTruth++;
                if (c.predictionEmpty()) bothEmpty++;
                else falsePositive++;
            } else {
                tumour.add(c);
            }
        }
        this.sliceCount = slices.size();
        this.tumourSliceCount = tumour.size();
        this.emptyTruthSliceCount = emptyTruth;
        this.bothEmptyCount = bothEmpty;
        this.falsePositiveSliceCount = falsePositive;
        this.pooled = sum;
        this.macroIouAll = mean(slices, Confusion::iou).getAsDouble();
        this.macroDiceAll = mean(slices, Confusion::dice).getAsDouble();
        this.macroPixelAccuracyAll = mean(slices, Confusion::pixelAccuracy).getAsDouble();
        this.macroIouTumour = mean(tumour, Confusion::iou);
        this.macroDiceTumour = mean(tumour, Confusion::dice);
        this.macroPrecisionTumour = mean(tumour, Confusion::precision);
        this.macroRecallTumour = mean(tumour, Confusion::recall);
        double[] dice = tumour.stream().mapToDouble(Confusion::dice).toArray();
        this.medianDiceTumour = median(dice);
        this.stdDiceTumour = populationStd(dice);
    }

    /** Summary of scored slices. @throws IllegalArgumentException if empty */
    public static SegmentationSummary of(Collection<SliceScore> slices) {
        return new SegmentationSummary(
                slices.stream().map(SliceScore::confusion).toList());
    }

    /** Summary of per-slice confusions. @throws IllegalArgumentException if empty */
    public static SegmentationSummary ofConfusions(Collection<Confusion> slices) {
        return new SegmentationSummary(List.copyOf(slices));
    }

    private static OptionalDouble mean(Collection<Confusion> cs, ToDoubleFunction<Confusion> f) {
        return cs.stream().mapToDouble(f).average();
    }

    static OptionalDouble median(double[] values) {
        if (values.length == 0) return OptionalDouble.empty();
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return OptionalDouble.of(v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2);
    }

    static OptionalDouble populationStd(double[] values) {
        if (values.length == 0) return OptionalDouble.empty();
        double mean = Arrays.stream(values).average().getAsDouble();
        double ss = 0;
        for (double x : values) ss += (x - mean) * (x - mean);
        return OptionalDouble.of(Math.sqrt(ss / values.length));
    }

    public int sliceCount() {
        return sliceCount;
    }

    /** Slices whose truth has foreground. */
    public int tumourSliceCount() {
        return tumourSliceCount;
    }

    /** Slices whose truth is empty (both-empty plus false-positive slices). */
    public int emptyTruthSliceCount() {
        return emptyTruthSliceCount;
    }

    /** Slices where truth and prediction are both empty (scored 1, reported separately). */
    public int bothEmptyCount() {
        return bothEmptyCount;
    }

    /** Empty-truth slices with a non-empty prediction. */
    public int falsePositiveSliceCount() {
        return falsePositiveSliceCount;
    }

    /** Fraction of empty-truth slices with a non-empty prediction; empty if no slice has an empty truth. */
    public OptionalDouble falsePositiveRateOnEmptySlices() {
        return emptyTruthSliceCount == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) falsePositiveSliceCount / emptyTruthSliceCount);
    }

    /** Pixel counts of all slices together. */
    public Confusion pooled() {
        return pooled;
    }

    public double microIou() {
        return pooled.iou();
    }

    /** Dice of the pooled pixels; for one patient's slices the volume (3-D) Dice. */
    public double microDice() {
        return pooled.dice();
    }

    public double microPixelAccuracy() {
        return pooled.pixelAccuracy();
    }

    public double microPrecision() {
        return pooled.precision();
    }

    public double microRecall() {
        return pooled.recall();
    }

    public double macroIouAllSlices() {
        return macroIouAll;
    }

    public double macroDiceAllSlices() {
        return macroDiceAll;
    }

    public double macroPixelAccuracyAllSlices() {
        return macroPixelAccuracyAll;
    }

    public OptionalDouble macroIouTumourSlices() {
        return macroIouTumour;
    }

    public OptionalDouble macroDiceTumourSlices() {
        return macroDiceTumour;
    }

    public OptionalDouble macroPrecisionTumourSlices() {
        return macroPrecisionTumour;
    }

    public OptionalDouble macroRecallTumourSlices() {
        return macroRecallTumour;
    }

    public OptionalDouble medianDiceTumourSlices() {
        return medianDiceTumour;
    }

    public OptionalDouble stdDiceTumourSlices() {
        return stdDiceTumour;
    }

    /**
     * All values by name, in a fixed order, for CSV/JSON reports; absent optional values are {@code null}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slices", sliceCount);
        m.put("tumourSlices", tumourSliceCount);
        m.put("emptyTruthSlices", emptyTruthSliceCount);
        m.put("bothEmptySlices", bothEmptyCount);
        m.put("falsePositiveSlices", falsePositiveSliceCount);
        m.put("falsePositiveRateOnEmptySlices", boxed(falsePositiveRateOnEmptySlices()));
        m.put("microIou", microIou());
        m.put("microDice", microDice());
        m.put("microPixelAccuracy", microPixelAccuracy());
        m.put("microPrecision", microPrecision());
        m.put("microRecall", microRecall());
        m.put("macroIouAllSlices", macroIouAll);
        m.put("macroDiceAllSlices", macroDiceAll);
        m.put("macroPixelAccuracyAllSlices", macroPixelAccuracyAll);
        m.put("macroIouTumourSlices", boxed(macroIouTumour));
        m.put("macroDiceTumourSlices", boxed(macroDiceTumour));
        m.put("macroPrecisionTumourSlices", boxed(macroPrecisionTumour));
        m.put("macroRecallTumourSlices", boxed(macroRecallTumour));
        m.put("medianDiceTumourSlices", boxed(medianDiceTumour));
        m.put("stdDiceTumourSlices", boxed(stdDiceTumour));
        m.put("tp", pooled.tp());
        m.put("fp", pooled.fp());
        m.put("fn", pooled.fn());
        m.put("tn", pooled.tn());
        return m;
    }

    private static Double boxed(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "SegmentationSummary[slices=%d, tumourSlices=%d, bothEmpty=%d, microIou=%.4f, microDice=%.4f,"
                        + " microPixelAccuracy=%.4f, macroDiceTumourSlices=%s]",
                sliceCount,
                tumourSliceCount,
                bothEmptyCount,
                microIou(),
                microDice(),
                microPixelAccuracy(),
                macroDiceTumour.isPresent()
                        ? String.format(Locale.ROOT, "%.4f", macroDiceTumour.getAsDouble())
                        : "n/a");
    }
}
