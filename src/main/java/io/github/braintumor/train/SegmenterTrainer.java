package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Trains a UNet on the training patients of a split and writes the best epoch (by mean per-patient 3-D Dice of
 * the validation patients) as a model bundle.
 *
 * <pre>{@code
 * LggDataset data = LggDataset.index(Path.of("/data/lgg"));
 * PatientSplit split = PatientSplit.create(data, 0.7, 0.15, 0.15, 42);
 * TrainingConfig cfg = TrainingConfig.builder().optEpochs(40).optBatchSize(16).optCropSize(128).build();
 * TrainingResult r = new SegmenterTrainer(UNet.builder().optFeatures(16), cfg)
 *         .train(data, split, Path.of("models/unet16"), ProgressListener.console(), () -> false);
 * }</pre>
 */
public final class SegmenterTrainer {
    private final UNet.Builder unet;
    private final TrainingConfig config;

    /**
     * @param unet   the network's options (in channels, features, depth); built afresh for each run
     * @param config the run's options
     */
    public SegmenterTrainer(UNet.Builder unet, TrainingConfig config) {
        this.unet = unet;
        this.config = config;
    }

    /**
     * @param outBundle the bundle folder (replaced atomically at every improvement); the "last" checkpoint goes
     *                  to {@code <outBundle>-last} unless configured
     * @param cancel    polled every batch; true stops promptly, keeping the best bundle so far
     */
    public TrainingResult train(
            LggDataset data, PatientSplit split, Path outBundle, ProgressListener listener, BooleanSupplier cancel)
            throws IOException, BundleException {
        TrainingSets sets = TrainingSets.of(data, split, config);
        SliceStore store = SliceStore.of(config.cacheBytes(), data);
        SegmentationTask task = new SegmentationTask(unet, config, store, sets);
        return new TrainingLoop(task, config, sets.description()).run(outBundle, listener, cancel);
    }
}
