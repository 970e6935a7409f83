package io.github.braintumor.fiji;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import io.github.braintumor.app.ResampleChoice;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.progress.ProgressListener;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * "Segment Tumor (UNet)" for an ImageJ image: mask stack, optional probability map and outline overlay, table.
 * The SciJava command and the ImageJ 1 plugin both only call {@link #run}. In a hyperstack the channels are the
 * modalities and each frame (time point) is a volume of its own: segmented, post-processed and measured alone
 * (one "Tumor Volume" row per frame); the outputs have the input's slices, frames and calibration, and every ROI
 * sits on its slice and frame.
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
     * @param output "mask" (mask stack; also for null or blank), "roi" (one ROI per slice with tumour, in the ROI
     *               Manager), "both", or "label" (label image of the 3-D connected tumour regions)
     * @param resample resample slices of another size than the model's input (and pixels that are not square) to
     *                 it and back; false refuses such slices before any work
     */
    public record Request(
            ImagePlus image,
            String model,
            double threshold,
            boolean probability,
            boolean outline,
            int batchSize,
            String postprocessing,
            String output,
            boolean resample) {
        /** Resampling on. */
        public Request(
                ImagePlus image,
                String model,
                double threshold,
                boolean probability,
                boolean outline,
                int batchSize,
                String postprocessing,
                String output) {
            this(image, model, threshold, probability, outline, batchSize, postprocessing, output, true);
        }

        /** Mask output. */
        public Request(
                ImagePlus image,
                String model,
                double threshold,
                boolean probability,
                boolean outline,
                int batchSize,
                String postprocessing) {
            this(image, model, threshold, probability, outline, batchSize, postprocessing, OUTPUTS[0]);
        }

        /** The request of one run of {@link InferenceCommandOptions#SEGMENT}'s values, either twin. */
        public static Request of(ImagePlus image, OptionValues v) {
            return new Request(
                    image,
                    v.get(CommonOptions.MODEL),
                    v.get(CommonOptions.THRESHOLD),
                    v.get(InferenceCommandOptions.PROBABILITY),
                    v.get(InferenceCommandOptions.OUTLINE),
                    v.get(CommonOptions.BATCH_SIZE),
                    v.get(InferenceCommandOptions.POSTPROCESSING),
                    v.get(InferenceCommandOptions.SEGMENT_OUTPUT),
                    v.get(CommonOptions.RESAMPLE));
        }

        /** With the model's recorded post-processing. */
        public Request(
                ImagePlus image, String model, double threshold, boolean probability, boolean outline, int batchSize) {
            this(
                    image,
                    model,
                    threshold,
                    probability,
                    outline,
                    batchSize,
                    StackSegmentation.PostProcessingChoice.MODEL.id());
        }
    }

    /** The {@code output} choices, default first. */
    public static final String[] OUTPUTS =
            InferenceCommandOptions.SEGMENT_OUTPUT.choices().toArray(String[]::new);

    /**
     * @param mask null when only ROIs or labels were asked for
     * @param probability null unless asked for
     * @param postprocessing log line saying which post-processing was applied
     * @param rois one per slice with tumour, named {@code <title>:<slice>} (empty unless roi or both)
     * @param labels the label image (null unless label)
     */
    public record Output(
            ImagePlus mask,
            ImagePlus probability,
            ResultsTable table,
            float threshold,
            String postprocessing,
            ResultsTable volume,
            List<Roi> rois,
            ImagePlus labels) {}

    /** The ImgLib2 form's results, for scripts: the mask as an {@code (X, Y, Z)} image 0/255, the table. */
    public record ImgOutput(
            Img<UnsignedByteType> mask, Img<FloatType> probability, ResultsTable table, String postprocessing) {}

    /**
     * Segments an ImgLib2 image; no overlay, nothing shown.
     *
     * @param input (x, y[, channel[, slice]]) as {@link ImgSlices} reads it
     */
    public static ImgOutput run(
            RandomAccessibleInterval<? extends RealType<?>> input,
            String model,
            double threshold,
            int batchSize,
            String postprocessing,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        return run(input, model, threshold, batchSize, postprocessing, true, progress, cancel);
    }

    /**
     * {@link #run(RandomAccessibleInterval, String, double, int, String, ProgressListener, BooleanSupplier)} with
     * resampling switched on or off (off: slices of another size than the model's input are refused).
     */
    public static ImgOutput run(
            RandomAccessibleInterval<? extends RealType<?>> input,
            String model,
            double threshold,
            int batchSize,
            String postprocessing,
            boolean resample,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        StackSegmentation.Settings settings = new StackSegmentation.Settings(
                        model,
                        threshold,
                        PluginOptions.load().batchSize(batchSize),
                        1.0,
                        postprocessing == null || postprocessing.isBlank()
                                ? StackSegmentation.PostProcessingChoice.MODEL
                                : StackSegmentation.PostProcessingChoice.fromId(postprocessing))
                .withResampling(new ResampleChoice(resample, 1.0));
        StackSegmentation.ImgOutput out = StackSegmentation.run(input, settings, progress, cancel);
        return new ImgOutput(
                out.mask(),
                out.probability(),
                ResultTables.segmentation(out.output(), ""),
                out.output().postprocessingNote());
    }

    public static Output run(Request r, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        ImagePlus imp = r.image();
        StackSegmentation.PostProcessingChoice choice =
                r.postprocessing() == null || r.postprocessing().isBlank()
                        ? StackSegmentation.PostProcessingChoice.MODEL
                        : StackSegmentation.PostProcessingChoice.fromId(r.postprocessing());
        String output = r.output() == null || r.output().isBlank()
                ? OUTPUTS[0]
                : r.output().trim().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(OUTPUTS).contains(output)) {
            throw new IllegalArgumentException(
                    "output must be one of " + String.join(", ", OUTPUTS) + ", got '" + r.output() + "'");
        }
        List<List<SliceImage>> frames = Images.frames(imp);
        String note = Images.conversionNote(imp);
        if (!note.isEmpty()) progress.onMessage(note);
        Calibration cal = imp.getCalibration();
        boolean calibrated = cal != null && cal.scaled();
        StackSegmentation.Settings settings = new StackSegmentation.Settings(
                r.model(),
                r.threshold(),
                PluginOptions.load().batchSize(r.batchSize()),
                Images.pixelArea(imp),
                choice,
                calibrated ? cal.pixelDepth : 1.0,
                calibrated ? cal.getUnit() : "",
                Images.resampling(imp, r.resample()));
        // each time point is a volume of its own: post-processing and volumes never join frames
        List<StackSegmentation.Output> outs = StackSegmentation.runFrames(frames, settings, progress, cancel);
        List<SliceMask> masks = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        for (StackSegmentation.Output o : outs) {
            masks.addAll(o.result().masks());
            probabilities.addAll(o.result().probabilities());
        }
        String title = Images.baseTitle(imp);
        ImagePlus mask = Images.shapedLike(Images.maskStack(title + "-mask", masks, null), imp);
        ImagePlus probability = r.probability()
                ? Images.shapedLike(
                        Images.probabilityStack(
                                title + "-probability", probabilities, imp.getWidth(), imp.getHeight(), null),
                        imp)
                : null;
        if (r.outline()) imp.setOverlay(Images.outlines(mask, imp, Color.YELLOW));
        ResultsTable table =
                ResultTables.segmentation(outs, imp.getCalibration().getUnit());
        ResultsTable volume = ResultTables.volumes(title, outs);
        List<Roi> rois = output.equals("roi") || output.equals("both") ? Images.sliceRois(mask, title, imp) : List.of();
        if (!Images.addToRoiManager(rois)) {
            progress.onMessage("no ROI Manager in a headless session: the " + rois.size() + " ROIs are the command's"
                    + " output (and the outline overlay) instead");
        }
        ImagePlus labels = output.equals("label")
                ? Images.shapedLike(
                        Images.labelFrames(
                                title + "-labels",
                                outs.stream().map(o -> o.result().masks()).toList(),
                                null),
                        imp)
                : null;
        boolean keepMask = output.equals("mask") || output.equals("both");
        StackSegmentation.Output first = outs.get(0);
        return new Output(
                keepMask ? mask : null,
                probability,
                table,
                first.result().threshold(),
                first.postprocessingNote(),
                volume,
                rois,
                labels);
    }
}
