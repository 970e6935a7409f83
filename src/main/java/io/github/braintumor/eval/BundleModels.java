package io.github.braintumor.eval;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.DefaultSegmenter;
import io.github.braintumor.infer.DefaultSliceClassifier;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.Segmenter;
import io.github.braintumor.infer.SliceClassifier;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.progress.ProgressListener;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Model bundles seen as {@link SegmentationModel} / {@link ClassificationModel}, through the project's default
 * inference ({@link DefaultSegmenter}, {@link DefaultSliceClassifier}). Close the returned handle after use.
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.UNET);
 *      BundleModels.Segmentation s = BundleModels.segmenter(b, 8)) {
 *     List<float[]> p = s.probabilities(slices, () -> false);
 * }
 * }</pre>
 */
public final class BundleModels {

    private BundleModels() {}

    /** A UNet bundle as a {@link SegmentationModel} that must be closed. */
    public interface Segmentation extends SegmentationModel, AutoCloseable {
        @Override
        void close();
    }

    /** A classifier bundle as a {@link ClassificationModel} that must be closed. */
    public interface Classification extends ClassificationModel, AutoCloseable {
        @Override
        void close();
    }

    public static Segmentation segmenter(ModelBundle unet, int batchSize) {
        Segmenter s = new DefaultSegmenter(
                unet,
                InferenceOptions.builder()
                        .optBatchSize(batchSize)
                        .optResize(true)
                        .build());
        return new Segmentation() {
            @Override
            public List<float[]> probabilities(List<SliceImage> slices, BooleanSupplier cancel) {
                return s.segment(slices, ProgressListener.silent(), cancel).probabilities();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    public static Classification classifier(ModelBundle classifier, int batchSize) {
        SliceClassifier c = new DefaultSliceClassifier(
                classifier,
                InferenceOptions.builder()
                        .optBatchSize(batchSize)
                        .optResize(true)
                        .build());
        return new Classification() {
            @Override
            public double[] probabilities(List<SliceImage> slices, BooleanSupplier cancel) {
                return c.classify(slices, ProgressListener.silent(), cancel);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
