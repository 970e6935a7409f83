package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.app.IouEvaluation;
import io.github.braintumor.data.SliceMask;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * "Compute IoU" for two ImageJ mask images (prediction, ground truth): the per-slice "Tumor IoU" table and the
 * "Tumor IoU Summary" table (micro and macro rows), kept apart so that a macro reading row k gets slice k.
 *
 * <pre>{@code
 * ComputeIou.Tables t = ComputeIou.run(WindowManager.getImage("a-mask"), WindowManager.getImage("a-truth"));
 * double firstSlice = t.slices().getValue("IoU", 0);
 * }</pre>
 */
public final class ComputeIou {
    private ComputeIou() {}

    /** @param slices one row per slice; @param summary the "micro" and "macro" rows */
    public record Tables(ResultsTable slices, ResultsTable summary) {
        static Tables of(IouEvaluation e) {
            return new Tables(ResultTables.iou(e.sliceRows()), ResultTables.iou(e.summaryRows()));
        }
    }

    /** For scripts: two ImgLib2 masks {@code (X, Y[, Z])}, non-zero = tumour. */
    public static Tables run(
            RandomAccessibleInterval<? extends RealType<?>> prediction,
            RandomAccessibleInterval<? extends RealType<?>> truth) {
        return Tables.of(IouEvaluation.of(prediction, truth));
    }

    public static Tables run(ImagePlus prediction, ImagePlus truth) {
        if (prediction == null) throw new IllegalArgumentException("no prediction image: choose an open mask image");
        if (truth == null) throw new IllegalArgumentException("no ground-truth image: choose an open mask image");
        if (prediction.getWidth() != truth.getWidth() || prediction.getHeight() != truth.getHeight()) {
            throw new IllegalArgumentException("'" + prediction.getTitle() + "' is " + prediction.getWidth() + "x"
                    + prediction.getHeight() + " but '" + truth.getTitle() + "' is " + truth.getWidth() + "x"
                    + truth.getHeight() + "; both images must have the same size");
        }
        if (prediction.getStackSize() != truth.getStackSize()) {
            throw new IllegalArgumentException("'" + prediction.getTitle() + "' has " + prediction.getStackSize()
                    + " slices but '" + truth.getTitle() + "' has " + truth.getStackSize()
                    + "; both images must have the same number of slices");
        }
        List<SliceMask> p = Images.masks(prediction);
        List<SliceMask> t = Images.masks(truth);
        return Tables.of(IouEvaluation.of(IouEvaluation.stackIds(p.size()), p, t));
    }
}
