package io.github.braintumor.eval;

import io.github.braintumor.data.SliceImage;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Anything that gives a tumour probability per slice: a classifier bundle ({@link BundleModels#classifier}) or a
 * test double.
 *
 * <pre>{@code
 * ClassificationModel alwaysHalf = (slices, cancel) -> new double[slices.size()];
 * }</pre>
 */
@FunctionalInterface
public interface ClassificationModel {
    /** @return one probability in [0, 1] per slice */
    double[] probabilities(List<SliceImage> slices, BooleanSupplier cancel) throws Exception;
}
