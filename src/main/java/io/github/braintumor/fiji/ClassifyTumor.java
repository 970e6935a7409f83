package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.progress.ProgressListener;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * "Classify Tumor Slice" for an ImageJ image: table of slice, label, probability and an optional text overlay.
 *
 * <pre>{@code
 * ResultsTable t = ClassifyTumor.run(new ClassifyTumor.Request(imp, "", -1, 8, true), listener, () -> false);
 * }</pre>
 */
public final class ClassifyTumor {
    private ClassifyTumor() {}

    /**
     * @param method    {@code cnn} (the slice classifier), {@code unet} (the segmenter as a detector) or
     *                  {@code auto} / blank (the model folder's kind; the better method with the embedded models)
     * @param model     bundle folder of the method's kind, empty = the embedded default
     * @param threshold negative or NaN = the model's threshold
     */
    public record Request(ImagePlus image, String method, String model, double threshold, int batchSize,
                          boolean overlay) {
        /** With method {@code auto}. */
        public Request(ImagePlus image, String model, double threshold, int batchSize, boolean overlay) {
            this(image, StackClassification.Method.AUTO.id(), model, threshold, batchSize, overlay);
        }
    }

    public static ResultsTable run(Request r, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        ImagePlus imp = r.image();
        StackClassification.Method method = StackClassification.Method.fromId(r.method());
        List<SliceImage> slices = Images.slices(imp);
        String note = Images.conversionNote(imp);
        if (!note.isEmpty()) progress.onMessage(note);
        List<StackClassification.Row> rows = StackClassification.run(slices, method, r.model(), r.threshold(), PluginOptions.load().batchSize(r.batchSize()),
                progress, cancel);
        if (r.overlay()) imp.setOverlay(labels(rows, slices.size() > 1));
        return ResultTables.classification(rows);
    }

    private static Overlay labels(List<StackClassification.Row> rows, boolean stack) {
        Overlay overlay = new Overlay();
        Font font = new Font("SansSerif", Font.BOLD, 12);
        for (StackClassification.Row row : rows) {
            TextRoi text = new TextRoi(4, 4, String.format("%s %.2f", row.label(), row.probability()), font);
            text.setStrokeColor(row.tumour() ? Color.RED : Color.GREEN);
            if (stack) text.setPosition(row.slice());
            overlay.add(text);
        }
        return overlay;
    }
}
