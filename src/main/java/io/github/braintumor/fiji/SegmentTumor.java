package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.train.ProgressListener;
import java.awt.Color;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * "Segment Tumor (UNet)" for an ImageJ image: mask stack, optional probability map and outline overlay, table.
 * The SciJava command and the ImageJ 1 plugin both only call {@link #run}.
 *
 * <pre>{@code
 * SegmentTumor.Output out = SegmentTumor.run(new SegmentTumor.Request(imp, "", -1, true, true, 8, "model"),
 *         ProgressListener.console(), () -> false);
 * System.out.println(out.postprocessing()); // e.g. "post-processing: lcc (recorded in the model)"
 * out.mask().show();
 * }</pre>
 */
public final class SegmentTumor {
    private SegmentTumor() {}

    /**
     * @param model bundle folder, empty = embedded default
     * @param threshold negative or NaN = the model's threshold
     * @param postprocessing "model" (the bundle's recorded post-processing; also for null or blank) or "none"
     */
    public record Request(ImagePlus image, String model, double threshold, boolean probability, boolean outline,
            int batchSize, String postprocessing) {
        /** With the model's recorded post-processing. */
        public Request(ImagePlus image, String model, double threshold, boolean probability, boolean outline,
                int batchSize) {
            this(image, model, threshold, probability, outline, batchSize, StackSegmentation.PostProcessingChoice.MODEL.id());
        }
    }

    /**
     * @param probability null unless asked for
     * @param postprocessing log line saying which post-processing was applied
     */
    public record Output(ImagePlus mask, ImagePlus probability, ResultsTable table, float threshold,
            String postprocessing, ResultsTable volume) {}

    public static Output run(Request r, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        ImagePlus imp = r.image();
        StackSegmentation.PostProcessingChoice choice = r.postprocessing() == null || r.postprocessing().isBlank()
                ? StackSegmentation.PostProcessingChoice.MODEL
                : StackSegmentation.PostProcessingChoice.fromId(r.postprocessing());
        List<SliceImage> slices = Images.slices(imp);
        String note = Images.conversionNote(imp);
        if (!note.isEmpty()) progress.onMessage(note);
        ij.measure.Calibration cal = imp.getCalibration();
        boolean calibrated = cal != null && cal.scaled();
        StackSegmentation.Settings settings = new StackSegmentation.Settings(r.model(), r.threshold(), r.batchSize(),
                Images.pixelArea(imp), choice, calibrated ? cal.pixelDepth : 1.0, calibrated ? cal.getUnit() : "");
        StackSegmentation.Output out = StackSegmentation.run(slices, settings, progress, cancel);
        String title = Images.baseTitle(imp);
        ImagePlus mask = Images.maskStack(title + "-mask", out.result().masks(), imp.getCalibration());
        ImagePlus probability = r.probability()
                ? Images.probabilityStack(title + "-probability", out.result().probabilities(), imp.getWidth(),
                        imp.getHeight(), imp.getCalibration())
                : null;
        if (r.outline()) imp.setOverlay(Images.outlines(mask, Color.YELLOW));
        ResultsTable table = ResultTables.segmentation(out, imp.getCalibration().getUnit());
        ResultsTable volume = ResultTables.volume(title, out.volume(), out.modalities().volume().id());
        return new Output(mask, probability, table, out.result().threshold(), out.postprocessingNote(), volume);
    }
}
