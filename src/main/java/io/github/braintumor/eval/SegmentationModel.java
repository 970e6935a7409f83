package io.github.braintumor.eval;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.infer.HorizontalFlip;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Anything that gives a tumour probability per pixel for a patient's slices: a UNet bundle
 * ({@link BundleModels#segmenter}), a test double, or a model wrapped with {@link #testTimeAugmented}.
 *
 * <pre>{@code
 * SegmentationModel allBackground = (slices, cancel) ->
 *         slices.stream().map(s -> new float[s.width() * s.height()]).toList();
 * }</pre>
 */
@FunctionalInterface
public interface SegmentationModel {
    /**
     * @return one map per slice, {@code width * height} probabilities in [0, 1], row-major
     */
    List<float[]> probabilities(List<SliceImage> slices, BooleanSupplier cancel) throws Exception;

    /** The model applied to the slices and to their mirror images, probabilities averaged pixel by pixel. */
    static SegmentationModel testTimeAugmented(SegmentationModel model) {
        return (slices, cancel) -> HorizontalFlip.average(
                slices,
                model.probabilities(slices, cancel),
                model.probabilities(slices.stream().map(HorizontalFlip::flip).toList(), cancel));
    }
}
