package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import io.github.braintumor.app.ResampleChoice;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.progress.ProgressListener;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

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
     * @param resample  resample slices of another size than the model's input to it; false refuses them
     */
    public record Request(
            ImagePlus image,
            String method,
            String model,
            double threshold,
            int batchSize,
            boolean overlay,
            boolean resample) {
        /** Resampling on. */
        public Request(ImagePlus image, String method, String model, double threshold, int batchSize, boolean overlay) {
            this(image, method, model, threshold, batchSize, overlay, true);
        }

        /** The request of one run of {@link InferenceCommandOptions#CLASSIFY}'s values, either twin. */
        public static Request of(ImagePlus image, OptionValues v) {
            return new Request(
                    image,
                    v.get(InferenceCommandOptions.METHOD),
                    v.get(CommonOptions.MODEL),
                    v.get(CommonOptions.THRESHOLD),
                    v.get(CommonOptions.BATCH_SIZE),
                    v.get(InferenceCommandOptions.OVERLAY),
                    v.get(CommonOptions.RESAMPLE));
        }

        /** With method {@code auto}. */
        public Request(ImagePlus image, String model, double threshold, int batchSize, boolean overlay) {
            this(image, StackClassification.Method.AUTO.id(), model, threshold, batchSize, overlay);
        }
    }

    /**
     * Classifies the slices of an ImgLib2 image; no overlay, nothing shown.
     *
     * @param input (x, y[, channel[, slice]]) as {@link ImgSlices} reads it
     */
    public static ResultsTable run(
            RandomAccessibleInterval<? extends RealType<?>> input,
            String method,
            String model,
            double threshold,
            int batchSize,
            boolean resample,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        List<StackClassification.Row> rows = StackClassification.run(
                input,
                StackClassification.Method.fromId(method),
                model,
                threshold,
                PluginOptions.load().batchSize(batchSize),
                new ResampleChoice(resample, 1.0),
                progress,
                cancel);
        return ResultTables.classificationFrames(List.of(rows));
    }

    public static ResultsTable run(Request r, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        ImagePlus imp = r.image();
        StackClassification.Method method = StackClassification.Method.fromId(r.method());
        List<List<SliceImage>> frames = Images.frames(imp);
        String note = Images.conversionNote(imp);
        if (!note.isEmpty()) progress.onMessage(note);
        List<List<StackClassification.Row>> rows = StackClassification.runFrames(
                frames,
                method,
                r.model(),
                r.threshold(),
                PluginOptions.load().batchSize(r.batchSize()),
                Images.resampling(imp, r.resample()),
                progress,
                cancel);
        if (r.overlay()) imp.setOverlay(labels(rows, imp));
        return ResultTables.classificationFrames(rows);
    }

    private static Overlay labels(List<List<StackClassification.Row>> frames, ImagePlus imp) {
        Overlay overlay = new Overlay();
        Font font = new Font("SansSerif", Font.BOLD, 12);
        for (int f = 0; f < frames.size(); f++) {
            for (StackClassification.Row row : frames.get(f)) {
                TextRoi text =
                        new TextRoi(4, 4, String.format(Locale.ROOT, "%s %.2f", row.label(), row.probability()), font);
                text.setStrokeColor(row.tumour() ? Color.RED : Color.GREEN);
                Images.position(text, imp, row.slice(), f + 1);
                overlay.add(text);
            }
        }
        return overlay;
    }
}
