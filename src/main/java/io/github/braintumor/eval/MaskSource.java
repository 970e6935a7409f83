package io.github.braintumor.eval;

import java.nio.file.Path;

/**
 * Where an evaluation's tumour masks come from: a UNet bundle, a segmentation model in memory, or a folder of masks
 * {@code brain-tumor segment} wrote; an evaluation without one scores a slice classifier alone. One type instead of
 * three nullable fields, so "a model and a predictions folder at once" cannot be said.
 *
 * <pre>{@code
 * MaskSource s = new MaskSource.Predictions(Path.of("segment-out"));
 * s.rerunnable();   // false: predicted masks cannot be made again mirrored or from another input
 * }</pre>
 */
public sealed interface MaskSource {
    /** A UNet bundle folder, loaded (and its kind checked) when the evaluation runs. */
    record UnetBundle(Path folder) implements MaskSource {}

    /** A segmentation model in memory (tests, other engines), named for the summary. */
    record InMemory(SegmentationModel model, String name) implements MaskSource {}

    /** Masks {@code <folder>/<patient>/<image stem>_pred.tif} as {@code brain-tumor segment} writes them. */
    record Predictions(Path folder) implements MaskSource {}

    /**
     * @return whether the masks come from a model that can run again (test-time augmentation, simulated input
     *     conditions, a threshold sweep), not from files
     */
    default boolean rerunnable() {
        return !(this instanceof Predictions);
    }
}
