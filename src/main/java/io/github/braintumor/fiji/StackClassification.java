package io.github.braintumor.fiji;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.DefaultSliceClassifier;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.SliceClassifier;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.train.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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

    private StackClassification() {}

    /** One row: slice number (1-based), label, tumour probability. */
    public record Row(int slice, String label, double probability) {
        public boolean tumour() {
            return TUMOUR.equals(label);
        }
    }

    /**
     * @param model bundle folder, empty = embedded default
     * @param threshold probability from which a slice is labelled tumour; negative or NaN = the model's default
     */
    public static List<Row> run(List<SliceImage> slices, String model, double threshold, int batchSize,
            ProgressListener progress, BooleanSupplier cancel) throws Exception {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to classify");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        try (ModelBundle bundle = ModelChoice.load(model, ModelKind.CLASSIFIER)) {
            InferenceOptions.Builder options = InferenceOptions.builder().optBatchSize(batchSize);
            boolean modelDefault = Double.isNaN(threshold) || threshold < 0;
            if (!modelDefault) options.optThreshold((float) threshold);
            InferenceOptions built = options.build();
            double cut = modelDefault ? bundle.info().threshold() : threshold;
            try (SliceClassifier classifier = new DefaultSliceClassifier(bundle, built)) {
                double[] p = classifier.classify(slices, progress, cancel);
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < p.length; i++) rows.add(new Row(i + 1, p[i] >= cut ? TUMOUR : NO_TUMOUR, p[i]));
                return rows;
            }
        }
    }
}
