package io.github.braintumor.fiji;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.train.ClassifierTrainer;
import io.github.braintumor.train.ProgressListener;
import io.github.braintumor.train.RandomSearch;
import io.github.braintumor.train.SearchConfig;
import io.github.braintumor.train.SearchResult;
import io.github.braintumor.train.SegmenterTrainer;
import io.github.braintumor.train.TrainingConfig;
import io.github.braintumor.train.TrainingResult;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The training commands' one entry: data folder + a few user settings -> a model bundle. Used by
 * "Train Tumor Segmenter (UNet)", "Train Tumor Classifier", their ImageJ 1 twins and the CLI.
 *
 * <pre>{@code
 * TrainingJobs.Settings s = TrainingJobs.Settings.defaults(Path.of("kaggle_3m"), Path.of("models/unet"));
 * TrainingResult r = TrainingJobs.segmenter(s, 16, ProgressListener.console(), () -> false);
 * }</pre>
 */
public final class TrainingJobs {
    /** Patients kept for validation (model selection); there is no test part: keep test data in its own folder. */
    public static final double VALIDATION_FRACTION = 0.2;

    private TrainingJobs() {}

    /**
     * @param cropSize training crop side for the UNet (0 = whole slices)
     * @param samplesPerEpoch slices per epoch (0 = all training slices)
     */
    public record Settings(Path data, Path output, int epochs, int batchSize, double learningRate, int cropSize,
            long seed, int samplesPerEpoch) {
        public static Settings defaults(Path data, Path output) {
            return new Settings(data, output, 10, 8, 1e-3, 128, 42, 0);
        }

        void check() {
            if (data == null || data.toString().isBlank()) throw new IllegalArgumentException("no data folder given");
            if (output == null || output.toString().isBlank()) {
                throw new IllegalArgumentException("no output folder given for the model bundle");
            }
            if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
            }
        }

        TrainingConfig.Builder config() {
            TrainingConfig.Builder b = TrainingConfig.builder().optEpochs(epochs).optBatchSize(batchSize)
                    .optLearningRate((float) learningRate).optSeed(seed);
            if (samplesPerEpoch > 0) b.optSamplesPerEpoch(samplesPerEpoch);
            return b;
        }
    }

    /** Trains a UNet with {@code features} filters in its first level. */
    public static TrainingResult segmenter(Settings s, int features, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        s.check();
        if (features < 1) throw new IllegalArgumentException("features must be at least 1, got " + features);
        LggDataset data = LggDataset.index(s.data());
        TrainingConfig.Builder config = s.config();
        if (s.cropSize() > 0) config.optCropSize(s.cropSize());
        return new SegmenterTrainer(UNet.builder().optFeatures(features), config.build())
                .train(data, split(data, s.seed()), s.output(), progress, cancel);
    }

    /** Trains the slice classifier with the baseline hyperparameters and the given learning rate. */
    public static TrainingResult classifier(Settings s, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        s.check();
        LggDataset data = LggDataset.index(s.data());
        ClassifierHyperparameters d = ClassifierHyperparameters.defaults();
        ClassifierHyperparameters h = ClassifierHyperparameters.of(d.dropouts(), d.denseUnits(), d.denseActivation(),
                s.learningRate());
        return new ClassifierTrainer(h, s.config().build()).train(data, split(data, s.seed()), s.output(), progress,
                cancel);
    }

    /**
     * Random search of the classifier's hyperparameters (the study's space): {@code trials} draws, each trained
     * {@code executions} times for {@code s.epochs()} epochs; the best is retrained into {@code <output>/best}.
     * The trials table is {@code <output>/trials.csv}, best first.
     */
    public static SearchResult search(Settings s, int trials, int executions, ProgressListener progress,
            BooleanSupplier cancel) throws Exception {
        s.check();
        if (trials < 1) throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        if (executions < 1) throw new IllegalArgumentException("executions must be at least 1, got " + executions);
        LggDataset data = LggDataset.index(s.data());
        SearchConfig config = new SearchConfig(trials, s.epochs(), executions, s.seed(), null, s.config().build(),
                s.epochs());
        return new RandomSearch().run(data, split(data, s.seed()), config, s.output(), progress, cancel);
    }

    static PatientSplit split(LggDataset data, long seed) {
        return PatientSplit.create(data, 1 - VALIDATION_FRACTION, VALIDATION_FRACTION, 0, seed);
    }
}
