package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.ProgressListener;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Tumour probability per slice from a classifier bundle (slices downscaled by averaging to the model's input
 * size, as in training).
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.CLASSIFIER);
 *      SliceClassifier c = new DefaultSliceClassifier(b, InferenceOptions.defaults())) {
 *     double[] p = c.classify(slices, ProgressListener.silent(), () -> false);
 * }
 * }</pre>
 */
public final class DefaultSliceClassifier implements SliceClassifier {
    private final BatchedForward forward;

    /** @throws IllegalArgumentException when the bundle is not a classifier */
    public DefaultSliceClassifier(ModelBundle bundle, InferenceOptions options) {
        this.forward = new BatchedForward(bundle, options, ModelKind.CLASSIFIER, "slice classification");
    }

    @Override
    public double[] classify(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel) {
        List<float[]> p = forward.run(slices, progress, cancel, "Classification");
        double[] out = new double[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i)[0];
        }
        return out;
    }

    @Override
    public void close() {
        // the bundle belongs to the caller
    }
}
