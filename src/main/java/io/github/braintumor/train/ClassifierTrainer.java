package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Trains the slice classifier (tumour or not) and writes the best epoch (validation accuracy, ROC AUC breaking
 * ties) as a model bundle. The learning rate comes from the hyperparameters; slices are downscaled by averaging to
 * {@code hp.inputSize()} (recorded as modelInputSize in model.json).
 *
 * <pre>{@code
 * ClassifierHyperparameters hp = ClassifierHyperparameters.defaults().withInputSize(128);
 * TrainingResult r = new ClassifierTrainer(hp, TrainingConfig.builder().optEpochs(10).build())
 *         .train(data, split, Path.of("models/classifier"), ProgressListener.console(), () -> false);
 * }</pre>
 */
public final class ClassifierTrainer {
    private final ClassifierHyperparameters hp;
    private final TrainingConfig config;

    public ClassifierTrainer(ClassifierHyperparameters hp, TrainingConfig config) {
        this.hp = hp;
        this.config =
                config.toBuilder().optLearningRate((float) hp.learningRate()).build();
    }

    /** As {@link SegmenterTrainer#train}. */
    public TrainingResult train(
            LggDataset data, PatientSplit split, Path outBundle, ProgressListener listener, BooleanSupplier cancel)
            throws IOException, BundleException {
        return train(data, split, outBundle, listener, cancel, SliceStore.of(config.cacheBytes(), data));
    }

    /** With a slice cache shared between runs (random search). */
    TrainingResult train(
            LggDataset data,
            PatientSplit split,
            Path outBundle,
            ProgressListener listener,
            BooleanSupplier cancel,
            SliceStore store)
            throws IOException, BundleException {
        TrainingSets sets = TrainingSets.of(data, split, config);
        ClassificationTask task = new ClassificationTask(hp, config, store, sets);
        return new TrainingLoop(task, config, sets.description()).run(outBundle, listener, cancel);
    }
}
