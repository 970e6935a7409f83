package io.github.braintumor.fiji;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.DefaultSegmenter;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.SegmentationResult;
import io.github.braintumor.infer.Segmenter;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.train.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Segments a stack of slices with a UNet bundle and makes the per-slice table rows. Shared by the
 * "Segment Tumor (UNet)" command, its ImageJ 1 twin and {@code brain-tumor segment}.
 *
 * <pre>{@code
 * StackSegmentation.Output out = StackSegmentation.run(slices, StackSegmentation.Settings.defaults(),
 *         ProgressListener.console(), () -> false);
 * out.rows().forEach(System.out::println);
 * }</pre>
 */
public final class StackSegmentation {
    private StackSegmentation() {}

    /**
     * @param model bundle folder, empty = embedded default
     * @param threshold probability threshold; negative or NaN = the model's own threshold
     * @param batchSize slices per forward pass
     * @param pixelArea calibrated area of one pixel (1 when uncalibrated)
     */
    public record Settings(String model, double threshold, int batchSize, double pixelArea) {
        public static Settings defaults() {
            return new Settings("", Double.NaN, 8, 1.0);
        }

        /** True when the threshold parameter means "the model's default". */
        public boolean modelThreshold() {
            return Double.isNaN(threshold) || threshold < 0;
        }
    }

    /** One table row: slice number (1-based), tumour pixels, calibrated area, max probability. */
    public record Row(int slice, long tumourPixels, double area, double maxProbability) {}

    public record Output(SegmentationResult result, List<Row> rows) {}

    public static Output run(List<SliceImage> slices, Settings settings, ProgressListener progress,
            BooleanSupplier cancel) throws Exception {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to segment");
        if (settings.batchSize() < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + settings.batchSize());
        try (ModelBundle bundle = ModelChoice.load(settings.model(), ModelKind.UNET)) {
            InferenceOptions.Builder options = InferenceOptions.builder().optBatchSize(settings.batchSize());
            if (!settings.modelThreshold()) options.optThreshold((float) settings.threshold());
            try (Segmenter segmenter = new DefaultSegmenter(bundle, options.build())) {
                SegmentationResult result = segmenter.segment(slices, progress, cancel);
                return new Output(result, rows(result, settings.pixelArea()));
            }
        }
    }

    /** Table rows of a result (slices that were not reached before a cancel are left out). */
    public static List<Row> rows(SegmentationResult result, double pixelArea) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < result.masks().size(); i++) {
            long pixels = result.masks().get(i).area();
            float max = 0;
            for (float p : result.probabilities().get(i)) max = Math.max(max, p);
            rows.add(new Row(i + 1, pixels, pixels * pixelArea, max));
        }
        return rows;
    }
}
