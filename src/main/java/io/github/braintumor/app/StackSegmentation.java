package io.github.braintumor.app;

import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.infer.DefaultSegmenter;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.InterleavedChannels;
import io.github.braintumor.infer.ModalityCheck;
import io.github.braintumor.infer.PostProcessedSegmenter;
import io.github.braintumor.infer.SegmentationResult;
import io.github.braintumor.infer.Segmenter;
import io.github.braintumor.metrics.TumourVolume;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Segments a stack of slices with a UNet bundle and makes the per-slice table rows. Shared by the
 * "Segment Tumor (UNet)" command, its ImageJ 1 twin, {@code brain-tumor segment} and {@code demo}.
 * By default the post-processing recorded in the bundle's model.json (chosen on validation data by
 * {@code brain-tumor evaluate --write-postprocessing}) is applied, the stack being one patient volume
 * ({@link PostProcessedSegmenter}); {@link PostProcessingChoice#NONE} switches it off.
 *
 * <pre>{@code
 * StackSegmentation.Output out = StackSegmentation.run(slices, StackSegmentation.Settings.defaults(),
 *         ProgressListener.console(), () -> false);
 * out.rows().forEach(System.out::println);
 * }</pre>
 */
public final class StackSegmentation {
    /** The inference batch of every command and dialog, for layers that do not see {@code infer}. */
    public static final int DEFAULT_BATCH_SIZE = InferenceOptions.DEFAULT_BATCH_SIZE;

    private StackSegmentation() {}

    /** Which post-processing to apply: what the bundle records (default) or none. Ids are macro/CLI values. */
    public enum PostProcessingChoice {
        /** The bundle's recorded post-processing (none when its model.json records none). */
        MODEL,
        /** Threshold only. */
        NONE;

        /** @return "model" or "none" */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the ids, in dialog order */
        public static String[] ids() {
            return Arrays.stream(values()).map(PostProcessingChoice::id).toArray(String[]::new);
        }

        /** @throws IllegalArgumentException naming the value and the allowed ones */
        public static PostProcessingChoice fromId(String id) {
            for (PostProcessingChoice c : values()) {
                if (c.id().equalsIgnoreCase(id == null ? "" : id.trim())) return c;
            }
            throw new IllegalArgumentException(
                    "postprocessing must be one of " + String.join(", ", ids()) + ", got '" + id + "'");
        }
    }

    /**
     * @param model bundle folder, empty = embedded default
     * @param threshold probability threshold; negative or NaN = the model's own threshold
     * @param batchSize slices per forward pass
     * @param pixelArea calibrated area of one pixel (1 when uncalibrated)
     * @param postprocessing the bundle's recorded post-processing or none
     * @param sliceThickness calibrated distance between slices (1 when uncalibrated)
     * @param unit length unit of the calibration, blank = pixel
     * @param resampling whether slices of another size are resampled, and the pixel aspect it honours (null =
     *                   {@link ResampleChoice#DEFAULT})
     */
    public record Settings(
            String model,
            double threshold,
            int batchSize,
            double pixelArea,
            PostProcessingChoice postprocessing,
            double sliceThickness,
            String unit,
            ResampleChoice resampling) {
        /** Resampling on, square pixels. */
        public Settings(
                String model,
                double threshold,
                int batchSize,
                double pixelArea,
                PostProcessingChoice postprocessing,
                double sliceThickness,
                String unit) {
            this(model, threshold, batchSize, pixelArea, postprocessing, sliceThickness, unit, ResampleChoice.DEFAULT);
        }

        /** With the bundle's recorded post-processing. */
        public Settings(String model, double threshold, int batchSize, double pixelArea) {
            this(model, threshold, batchSize, pixelArea, PostProcessingChoice.MODEL);
        }

        /** Uncalibrated slice spacing. */
        public Settings(
                String model, double threshold, int batchSize, double pixelArea, PostProcessingChoice postprocessing) {
            this(model, threshold, batchSize, pixelArea, postprocessing, 1.0, "");
        }

        public Settings {
            if (postprocessing == null) postprocessing = PostProcessingChoice.MODEL;
            if (!(sliceThickness > 0)) sliceThickness = 1.0;
            if (unit == null) unit = "";
            if (resampling == null) resampling = ResampleChoice.DEFAULT;
        }

        /** @return these settings with another resampling choice */
        public Settings withResampling(ResampleChoice choice) {
            return new Settings(model, threshold, batchSize, pixelArea, postprocessing, sliceThickness, unit, choice);
        }

        public static Settings defaults() {
            return new Settings("", Double.NaN, DEFAULT_BATCH_SIZE, 1.0);
        }

        /** True when the threshold parameter means "the model's default". */
        public boolean modelThreshold() {
            return Double.isNaN(threshold) || threshold < 0;
        }
    }

    /**
     * One table row: slice number (1-based, within its volume), tumour pixels, calibrated area, max probability, the
     * slice's modality pattern ({@link io.github.braintumor.data.ModalityPattern#id()}), and how it was resampled
     * for the network ({@link ResampleChoice#describe}, e.g. "512x512 -&gt; 256x256"; "" = not resampled).
     */
    public record Row(
            int slice, long tumourPixels, double area, double maxProbability, String modalities, String resampled) {}

    /**
     * @param postprocessing what was applied after thresholding ({@link PostProcessingSettings#OFF} = nothing)
     * @param choice         whether it came from the model or was switched off
     * @param warning        a one-line warning about the input for the tables ("" when none): a single-channel stack
     *                       that looks like interleaved channels ({@link InterleavedChannels})
     * @param engine         the engine, device and number format the model ran in ({@code DjlEngine.brief})
     */
    public record Output(
            SegmentationResult result,
            List<Row> rows,
            PostProcessingSettings postprocessing,
            PostProcessingChoice choice,
            ModalityCheck modalities,
            TumourVolume volume,
            String warning,
            String engine) {
        /** @return a log line, e.g. "post-processing: tta+lcc (recorded in the model)" */
        public String postprocessingNote() {
            return "post-processing: "
                    + (choice == PostProcessingChoice.NONE
                            ? "none (switched off)"
                            : postprocessing.isOff()
                                    ? "none (the model records none)"
                                    : postprocessing.name() + " (recorded in the model)");
        }
    }

    /**
     * The ImgLib2 form's result: the masks as one {@code (X, Y, Z)} image (255 = tumour), the probabilities as one
     * {@code (X, Y, Z)} float image, and everything else the stack form gives.
     */
    public record ImgOutput(Img<UnsignedByteType> mask, Img<FloatType> probability, Output output) {}

    /**
     * Segments an ImgLib2 image, e.g. a script's {@code Img} or a Fiji {@code Dataset}.
     *
     * @param input {@code (X, Y[, C[, Z]])} as {@link io.github.braintumor.conversion.ImgSlices} reads it: C is the
     *              modality axis (3, or 1 copied to all three), 8-bit taken as it is, other types scaled per plane
     */
    public static ImgOutput run(
            RandomAccessibleInterval<? extends RealType<?>> input,
            Settings settings,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        List<SliceImage> slices = ImgSlices.toSliceImages(input);
        Output out = run(slices, settings, progress, cancel);
        return new ImgOutput(
                ImgSlices.toMaskImg(out.result().masks()),
                ImgSlices.toProbabilityImg(
                        out.result().probabilities(),
                        slices.get(0).width(),
                        slices.get(0).height()),
                out);
    }

    public static Output run(
            List<SliceImage> slices, Settings settings, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to segment");
        Bounds.batchSize(settings.batchSize(), "batch size");
        try (ModelBundle bundle = ModelChoice.load(settings.model(), ModelKind.UNET)) {
            return run(slices, settings, bundle, progress, cancel);
        }
    }

    /**
     * Segments each volume of a time series (the frames of a hyperstack) on its own, with one model load: every
     * frame is normalised, post-processed (largest 3-D component, ...) and measured as a volume of its own, never
     * joined to the next. A log line said for every frame alike is passed on once.
     *
     * @param frames the slices of each frame, in order
     * @return one output per frame
     */
    public static List<Output> runFrames(
            List<List<SliceImage>> frames, Settings settings, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        if (frames.isEmpty()) throw new IllegalArgumentException("no slices to segment");
        try (ModelBundle bundle = ModelChoice.load(settings.model(), ModelKind.UNET)) {
            return runFrames(frames, settings, bundle, progress, cancel);
        }
    }

    /** {@link #runFrames(List, Settings, ProgressListener, BooleanSupplier)} with the UNet already loaded. */
    public static List<Output> runFrames(
            List<List<SliceImage>> frames,
            Settings settings,
            ModelBundle bundle,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        if (frames.isEmpty()) throw new IllegalArgumentException("no slices to segment");
        ProgressListener once = onceEach(progress);
        for (List<SliceImage> frame : frames)
            settings.resampling().check(frame, bundle.info().inputSize());
        List<Output> out = new ArrayList<>(frames.size());
        for (List<SliceImage> frame : frames) out.add(run(frame, settings, bundle, once, cancel));
        return out;
    }

    /** @return {@code progress} passing each distinct message on once (the notes of frame after frame) */
    static ProgressListener onceEach(ProgressListener progress) {
        Set<String> said = new HashSet<>();
        return new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
                progress.onProgress(p);
            }

            @Override
            public void onMessage(String m) {
                if (said.add(m)) progress.onMessage(m);
            }
        };
    }

    /**
     * {@link #run(List, Settings, ProgressListener, BooleanSupplier)} with a bundle loaded by the caller (who
     * closes it): for segmenting many volumes with one model load, e.g. a worker of a distributed run.
     * {@code settings.model()} is not read.
     */
    public static Output run(
            List<SliceImage> slices,
            Settings settings,
            ModelBundle bundle,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to segment");
        Bounds.batchSize(settings.batchSize(), "batch size");
        ResampleChoice resampling = settings.resampling();
        int inputSize = bundle.info().inputSize();
        resampling.check(slices, inputSize); // off: refused before any work
        // slices of another size (other scanners, crops, 512x512) go to the model's input size and back
        InferenceOptions.Builder options =
                resampling.apply(InferenceOptions.builder().optBatchSize(settings.batchSize()));
        if (!settings.modelThreshold()) options.optThreshold((float) settings.threshold());
        PostProcessingSettings post = settings.postprocessing() == PostProcessingChoice.NONE
                ? PostProcessingSettings.OFF
                : bundle.info().postProcessing();
        InferenceOptions inference = options.build();
        String engine = DjlEngine.brief(inference.precisionOf(bundle).id());
        try (Segmenter segmenter = new PostProcessedSegmenter(new DefaultSegmenter(bundle, inference), post)) {
            ModalityCheck modalities = ModalityCheck.of(slices);
            modalities.warning(bundle.info()).ifPresent(progress::onMessage);
            String interleaved = InterleavedChannels.warning(slices).orElse("");
            if (!interleaved.isEmpty()) progress.onMessage(interleaved);
            resampling.note(slices, inputSize).ifPresent(progress::onMessage);
            SegmentationResult result = segmenter.segment(slices, progress, cancel);
            TumourVolume volume = TumourVolume.of(
                    result.masks(),
                    slices.subList(0, result.masks().size()),
                    settings.pixelArea(),
                    settings.sliceThickness(),
                    settings.unit());
            List<String> resampled = slices.stream()
                    .map(sl -> resampling.describe(sl, inputSize))
                    .toList();
            return new Output(
                    result,
                    rows(result, settings.pixelArea(), modalities, resampled),
                    post,
                    settings.postprocessing(),
                    modalities,
                    volume,
                    interleaved,
                    engine);
        }
    }

    /** Table rows of a result (slices that were not reached before a cancel are left out). */
    public static List<Row> rows(
            SegmentationResult result, double pixelArea, ModalityCheck modalities, List<String> resampled) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < result.masks().size(); i++) {
            long pixels = result.masks().get(i).area();
            float max = 0;
            for (float p : result.probabilities().get(i)) max = Math.max(max, p);
            rows.add(new Row(
                    i + 1,
                    pixels,
                    pixels * pixelArea,
                    max,
                    modalities.slices().get(i).id(),
                    resampled.get(i)));
        }
        return rows;
    }
}
