package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.progress.ProgressListener;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Segments tumours slice by slice.
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.UNET);
 *      Segmenter s = new DefaultSegmenter(b, InferenceOptions.defaults())) {
 *     SegmentationResult r = s.segment(slices, ProgressListener.silent(), () -> false);
 * }
 * }</pre>
 */
public interface Segmenter extends AutoCloseable {
    /**
     * @throws java.util.concurrent.CancellationException when {@code cancel} turns true (checked per batch)
     * @throws IllegalArgumentException for slices of the wrong size or channel count (message names the slice)
     */
    SegmentationResult segment(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel);

    @Override
    void close();
}
