package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.progress.ProgressListener;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Tumour probability per slice.
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.CLASSIFIER);
 *      SliceClassifier c = new DefaultSliceClassifier(b, InferenceOptions.defaults())) {
 *     double[] p = c.classify(slices, ProgressListener.silent(), () -> false);
 * }
 * }</pre>
 */
public interface SliceClassifier extends AutoCloseable {
    /** @throws java.util.concurrent.CancellationException when {@code cancel} turns true (checked per batch) */
    double[] classify(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel);

    @Override
    void close();
}
