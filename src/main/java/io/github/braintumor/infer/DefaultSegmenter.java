package io.github.braintumor.infer;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * UNet segmentation of slices in batches: probabilities = sigmoid(logits), masks = probability &gt; threshold
 * (the options' threshold, else the model's). The bundle stays owned by the caller.
 *
 * <pre>{@code
 * try (ModelBundle b = ModelBundle.load(dir, ModelKind.UNET);
 *      Segmenter s = new DefaultSegmenter(b, InferenceOptions.builder().optBatchSize(4).build())) {
 *     SegmentationResult r = s.segment(slices, ProgressListener.silent(), () -> false);
 *     SliceMask first = r.masks().get(0);
 * }
 * }</pre>
 */
public final class DefaultSegmenter implements Segmenter {
    private final BatchedForward forward;
    private final float threshold;
    private final StageClock clock;
    private final InferenceOptions options;
    private final int inputSize;

    /** @throws IllegalArgumentException when the bundle is not a UNet */
    public DefaultSegmenter(ModelBundle bundle, InferenceOptions options) {
        this.forward = new BatchedForward(bundle, options, ModelKind.UNET, "segmentation");
        this.threshold = options.threshold() != null
                ? options.threshold()
                : bundle.info().threshold();
        this.clock = options.clock();
        this.options = options;
        this.inputSize = bundle.info().inputSize();
    }

    @Override
    public SegmentationResult segment(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel) {
        List<float[]> probabilities = forward.run(slices, progress, cancel, "Segmentation");
        long t = System.nanoTime();
        List<float[]> out = new ArrayList<>(slices.size());
        List<SliceMask> masks = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            SliceImage s = slices.get(i);
            float[] p = probabilities.get(i);
            int side = (int) Math.round(Math.sqrt(p.length));
            p = options.fit(s.width(), s.height(), inputSize)
                    .fromOutput(p, side); // resampled input: back onto its grid
            out.add(p);
            masks.add(PostProcessing.threshold(p, s.width(), s.height(), threshold));
        }
        clock.add(StageClock.Stage.POSTPROCESSING, System.nanoTime() - t);
        return new SegmentationResult(out, masks, threshold);
    }

    @Override
    public void close() {
        // nothing of its own: the bundle (and its model) belong to the caller
    }
}
