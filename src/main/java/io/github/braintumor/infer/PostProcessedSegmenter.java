package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A segmenter followed by the post-processing a bundle recommends ({@link
 * io.github.braintumor.model.ModelInfo#postProcessing()}), in the order evaluation measures it: test-time
 * augmentation (probabilities of the slices and of their mirror images, mirrored back, averaged), threshold,
 * minimum area per slice, largest 3-D component of the whole stack (the slices given are one patient volume).
 * With {@link PostProcessingSettings#OFF} it returns the inner segmenter's result unchanged.
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.UNET);
 *      Segmenter s = new PostProcessedSegmenter(new DefaultSegmenter(b, InferenceOptions.defaults()),
 *              b.info().postProcessing())) {
 *     SegmentationResult r = s.segment(slices, ProgressListener.silent(), () -> false);
 * }
 * }</pre>
 */
public final class PostProcessedSegmenter implements Segmenter {
    private final Segmenter inner;
    private final PostProcessingSettings settings;

    /** @param inner thresholds at the wanted threshold; closed with this segmenter */
    public PostProcessedSegmenter(Segmenter inner, PostProcessingSettings settings) {
        this.inner = inner;
        this.settings = PostProcessingSettings.orOff(settings);
    }

    /** @return the post-processing applied */
    public PostProcessingSettings settings() {
        return settings;
    }

    @Override
    public SegmentationResult segment(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel) {
        SegmentationResult plain = inner.segment(slices, progress, cancel);
        if (settings.isOff()) return plain;
        List<float[]> probabilities = plain.probabilities();
        List<SliceMask> masks = plain.masks();
        if (settings.tta()) {
            progress.onMessage("test-time augmentation: segmenting the mirrored slices");
            SegmentationResult mirrored =
                    inner.segment(slices.stream().map(HorizontalFlip::flip).toList(), progress, cancel);
            probabilities = HorizontalFlip.average(slices, probabilities, mirrored.probabilities());
            masks = new ArrayList<>(slices.size());
            for (int i = 0; i < slices.size(); i++) {
                SliceImage s = slices.get(i);
                masks.add(PostProcessing.threshold(probabilities.get(i), s.width(), s.height(), plain.threshold()));
            }
        }
        return new SegmentationResult(
                probabilities,
                PostProcessing.clean(masks, probabilities, plain.threshold(), settings),
                plain.threshold());
    }

    @Override
    public void close() {
        inner.close();
    }
}
