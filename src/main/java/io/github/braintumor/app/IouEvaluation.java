package io.github.braintumor.app;

import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.metrics.SegmentationSummary;
import io.github.braintumor.metrics.SliceScore;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Per-slice overlap of a predicted mask stack with ground truth, plus the micro (pooled pixels) and macro
 * (mean over slices) summary rows. Shared by "Compute IoU", its ImageJ 1 twin and {@code brain-tumor iou}.
 *
 * <pre>{@code
 * IouEvaluation e = IouEvaluation.of(List.of("1", "2"), predictedMasks, truthMasks);
 * e.rows().forEach(System.out::println);   // slices, then "micro" and "macro"
 * }</pre>
 */
public final class IouEvaluation {
    public static final String MICRO = "micro";
    public static final String MACRO = "macro";

    /**
     * One table row; for the macro row precision and recall are the means over slices with tumour in the
     * ground truth (NaN when there is none), IoU, Dice and pixel accuracy the means over all slices.
     */
    public record Row(String slice, double iou, double dice, double pixelAccuracy, double precision, double recall) {}

    private final List<SliceScore> scores;
    private final SegmentationSummary summary;

    private IouEvaluation(List<SliceScore> scores) {
        this.scores = scores;
        this.summary = SegmentationSummary.of(scores);
    }

    /**
     * @param ids one name per slice for the table ("1", "2", ... or file names)
     * @throws IllegalArgumentException different slice counts or sizes, naming both
     */
    public static IouEvaluation of(List<String> ids, List<SliceMask> prediction, List<SliceMask> truth) {
        if (prediction.isEmpty()) throw new IllegalArgumentException("the prediction has no slices");
        if (prediction.size() != truth.size()) {
            throw new IllegalArgumentException("prediction has " + prediction.size() + " slices but ground truth has "
                    + truth.size() + "; choose a ground truth with the same slices");
        }
        List<SliceScore> scores = new ArrayList<>();
        for (int i = 0; i < prediction.size(); i++) {
            SliceMask p = prediction.get(i);
            SliceMask t = truth.get(i);
            if (p.width() != t.width() || p.height() != t.height()) {
                throw new IllegalArgumentException("slice " + ids.get(i) + ": prediction is " + p.width() + "x"
                        + p.height() + " but ground truth is " + t.width() + "x" + t.height()
                        + "; both must have the same size");
            }
            scores.add(SliceScore.of(ids.get(i), p.pixels(), t.pixels()));
        }
        return new IouEvaluation(scores);
    }

    /**
     * The same for ImgLib2 masks ({@code (X, Y)} or {@code (X, Y, Z)}, any value other than 0 is tumour), e.g. the
     * {@code Img} a segmentation returned and a ground truth read by a script.
     *
     * @throws IllegalArgumentException different sizes or slice counts, naming both
     */
    public static IouEvaluation of(
            RandomAccessibleInterval<? extends RealType<?>> prediction,
            RandomAccessibleInterval<? extends RealType<?>> truth) {
        List<SliceMask> p = ImgSlices.toSliceMasks(prediction);
        List<SliceMask> t = ImgSlices.toSliceMasks(truth);
        return of(stackIds(p.size()), p, t);
    }

    /** Slice ids "1".."n" for a stack. */
    public static List<String> stackIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) ids.add(Integer.toString(i));
        return ids;
    }

    public SegmentationSummary summary() {
        return summary;
    }

    /** Per-slice rows followed by the micro and macro rows. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(sliceRows());
        rows.addAll(summaryRows());
        return rows;
    }

    /** One row per slice. */
    public List<Row> sliceRows() {
        List<Row> rows = new ArrayList<>();
        for (SliceScore s : scores) {
            rows.add(new Row(s.id(), s.iou(), s.dice(), s.pixelAccuracy(), s.precision(), s.recall()));
        }
        return rows;
    }

    /** The "micro" (all pixels pooled) and "macro" (mean over slices) rows. */
    public List<Row> summaryRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                MICRO,
                summary.microIou(),
                summary.microDice(),
                summary.microPixelAccuracy(),
                summary.microPrecision(),
                summary.microRecall()));
        rows.add(new Row(
                MACRO,
                summary.macroIouAllSlices(),
                summary.macroDiceAllSlices(),
                summary.macroPixelAccuracyAllSlices(),
                summary.macroPrecisionTumourSlices().orElse(Double.NaN),
                summary.macroRecallTumourSlices().orElse(Double.NaN)));
        return rows;
    }
}
