package io.github.braintumor.infer;

import io.github.braintumor.data.SliceMask;
import java.util.List;

/**
 * Per-slice tumour probabilities (H*W, row-major, in [0, 1]) and the masks at {@code threshold}.
 */
public record SegmentationResult(List<float[]> probabilities, List<SliceMask> masks, float threshold) {}
