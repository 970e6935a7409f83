package io.github.braintumor.app;

import io.github.braintumor.conversion.ImgSlices;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.infer.DefaultSliceClassifier;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.InterleavedChannels;
import io.github.braintumor.infer.ModalityCheck;
import io.github.braintumor.infer.SliceClassifier;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Classifies every slice of a stack as tumour / no tumour and makes the table rows. Shared by
 * "Classify Tumor Slice", its ImageJ 1 twin and {@code brain-tumor classify}.
 *
 * <pre>{@code
 * List<StackClassification.Row> rows = StackClassification.run(slices, "", Double.NaN, 8, listener, () -> false);
 * }</pre>
 */
public final class StackClassification {
    public static final String TUMOUR = "tumour";
    public static final String NO_TUMOUR = "no tumour";

    /** How a slice is called tumour or not. */
    public enum Method {
        /** The kind of the model folder given (a classifier or a UNet bundle); {@link #DEFAULT} for the embedded. */
        AUTO,
        /** The study's slice classifier (CNN). */
        CNN,
        /** The UNet as a detector: a slice with any tumour pixel left after the model's post-processing. */
        UNET;

        /** With the embedded models: the method that classified the validation patients better (model cards). */
        public static final Method DEFAULT = UNET;

        /** @return this method, or for {@link #AUTO} the kind of {@code model} (blank = {@link #DEFAULT}) */
        public Method resolve(String model) throws BundleException {
            if (this != AUTO) return this;
            if (model == null || model.isBlank()) return DEFAULT;
            return ModelChoice.kind(model) == ModelKind.CLASSIFIER ? CNN : UNET;
        }

        /** @return the kind of model this method runs (after {@link #resolve}) */
        public ModelKind kind() {
            return this == CNN ? ModelKind.CLASSIFIER : ModelKind.UNET;
        }

        /** @return "cnn" or "unet" (macro and CLI value) */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the ids, in dialog order */
        public static String[] ids() {
            return Arrays.stream(values()).map(Method::id).toArray(String[]::new);
        }

        /** @throws IllegalArgumentException naming the value and the allowed ones */
        public static Method fromId(String id) {
            if (id == null || id.isBlank()) return AUTO;
            for (Method m : values()) {
                if (m.id().equalsIgnoreCase(id.trim())) return m;
            }
            throw new IllegalArgumentException(
                    "method must be one of " + String.join(", ", ids()) + ", got '" + id + "'");
        }
    }

    private StackClassification() {}

    /**
     * One row: slice number (1-based, within its volume), label, tumour probability (CNN: its output; UNet: the
     * slice's highest pixel probability), the slice's modality pattern, how it was resampled ("" = not).
     */
    public record Row(int slice, String label, double probability, String modalities, String resampled) {
        public boolean tumour() {
            return TUMOUR.equals(label);
        }
    }

    /**
     * Classifies the slices of an ImgLib2 image (one volume), e.g. a script's {@code Img}.
     *
     * @param input {@code (X, Y[, C[, Z]])} as {@link io.github.braintumor.conversion.ImgSlices} reads it
     */
    public static List<Row> run(
            RandomAccessibleInterval<? extends RealType<?>> input,
            Method method,
            String model,
            double threshold,
            int batchSize,
            ResampleChoice resampling,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        List<SliceImage> slices = ImgSlices.toSliceImages(input);
        return runFrames(List.of(slices), method, model, threshold, batchSize, resampling, progress, cancel)
                .get(0);
    }

    /** With the CNN (the form before the method choice existed). */
    public static List<Row> run(
            List<SliceImage> slices,
            String model,
            double threshold,
            int batchSize,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        return run(slices, Method.CNN, model, threshold, batchSize, progress, cancel);
    }

    /**
     * @param model bundle folder of the method's kind (classifier or UNet), empty = embedded default
     * @param threshold probability from which a slice (CNN) or pixel (UNet) is tumour; negative or NaN = the model's
     */
    public static List<Row> run(
            List<SliceImage> slices,
            Method method,
            String model,
            double threshold,
            int batchSize,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to classify");
        return runFrames(List.of(slices), method, model, threshold, batchSize, ResampleChoice.DEFAULT, progress, cancel)
                .get(0);
    }

    /**
     * Classifies each volume of a time series (the frames of a hyperstack) on its own, with one model load: each
     * frame is normalised (and, with the UNet, post-processed) as a volume of its own.
     *
     * @param frames     the slices of each frame, in order
     * @param resampling whether slices of another size are resampled (refused before any work when not), and the
     *                   pixel aspect it honours
     * @return per frame, one row per slice (slice numbers within the frame)
     */
    public static List<List<Row>> runFrames(
            List<List<SliceImage>> frames,
            Method method,
            String model,
            double threshold,
            int batchSize,
            ResampleChoice resampling,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        check(frames, batchSize); // before the model loads
        Method resolved = method.resolve(model);
        try (ModelBundle bundle = ModelChoice.load(model, resolved.kind())) {
            return runFrames(frames, resolved, bundle, threshold, batchSize, resampling, progress, cancel);
        }
    }

    private static void check(List<List<SliceImage>> frames, int batchSize) {
        if (frames.isEmpty() || frames.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("no slices to classify");
        }
        Bounds.batchSize(batchSize, "batch size");
    }

    /**
     * {@link #runFrames(List, Method, String, double, int, ResampleChoice, ProgressListener, BooleanSupplier)} with
     * a model already loaded (a command line that classifies many volumes loads it once).
     *
     * @param method {@link Method#CNN} with a classifier bundle or {@link Method#UNET} with a UNet bundle
     */
    public static List<List<Row>> runFrames(
            List<List<SliceImage>> frames,
            Method method,
            ModelBundle bundle,
            double threshold,
            int batchSize,
            ResampleChoice resampling,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        check(frames, batchSize);
        List<List<Row>> out = new ArrayList<>();
        if (method == Method.UNET) {
            StackSegmentation.Settings settings = new StackSegmentation.Settings(
                    "", threshold, batchSize, 1.0, StackSegmentation.PostProcessingChoice.MODEL, 1.0, "", resampling);
            for (StackSegmentation.Output seg :
                    StackSegmentation.runFrames(frames, settings, bundle, progress, cancel)) {
                List<Row> rows = new ArrayList<>();
                for (StackSegmentation.Row r : seg.rows()) {
                    rows.add(new Row(
                            r.slice(),
                            r.tumourPixels() > 0 ? TUMOUR : NO_TUMOUR,
                            r.maxProbability(),
                            r.modalities(),
                            r.resampled()));
                }
                out.add(rows);
            }
            return out;
        }
        int inputSize = bundle.info().inputSize();
        for (List<SliceImage> slices : frames) resampling.check(slices, inputSize); // off: refused before any work
        // slices of another size (other scanners, crops, 512x512) go to the model's input size and back
        InferenceOptions.Builder options =
                resampling.apply(InferenceOptions.builder().optBatchSize(batchSize));
        boolean modelDefault = Double.isNaN(threshold) || threshold < 0;
        if (!modelDefault) options.optThreshold((float) threshold);
        InferenceOptions built = options.build();
        double cut = modelDefault ? bundle.info().threshold() : threshold;
        ProgressListener once = StackSegmentation.onceEach(progress);
        try (SliceClassifier classifier = new DefaultSliceClassifier(bundle, built)) {
            for (List<SliceImage> slices : frames) {
                ModalityCheck modalities = ModalityCheck.of(slices);
                modalities.warning(bundle.info()).ifPresent(once::onMessage);
                InterleavedChannels.warning(slices).ifPresent(once::onMessage);
                resampling.note(slices, inputSize).ifPresent(once::onMessage);
                double[] p = classifier.classify(slices, once, cancel);
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < p.length; i++) {
                    rows.add(new Row(
                            i + 1,
                            ThresholdRule.positive(p[i], cut) ? TUMOUR : NO_TUMOUR,
                            p[i],
                            modalities.slices().get(i).id(),
                            resampling.describe(slices.get(i), inputSize)));
                }
                out.add(rows);
            }
        }
        return out;
    }
}
