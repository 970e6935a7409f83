package io.github.braintumor.train;

import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.engine.EngineOptions;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.AugmentationSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything about a training run except the network and the data.
 *
 * <pre>{@code
 * TrainingConfig c = TrainingConfig.builder().optEpochs(30).optBatchSize(16).optCropSize(128)
 *         .optTumourFraction(0.7, -1)        // 0.7 at epoch 1, linearly to the natural proportion at the end
 *         .optMinutes(600).optSeed(7).build();
 * }</pre>
 */
public final class TrainingConfig {
    /** Default share of training slices that see a simulated missing modality. */
    public static final double DEFAULT_MISSING_MODALITY = 0.3;
    /** Default share of training slices normalised with their own statistics. */
    public static final double DEFAULT_SLICE_STATISTICS = 0.1;
    /** Training batch size unless told otherwise (commands, dialogs and the CLI start from it). */
    public static final int DEFAULT_BATCH_SIZE = 8;
    /** Epochs unless told otherwise. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Adam's learning rate unless told otherwise (the peak of warm-up and cosine). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Training crop side unless told otherwise. */
    public static final int DEFAULT_CROP_SIZE = 128;
    /** Seed of training and of the patient split unless told otherwise. */
    public static final long DEFAULT_SEED = EngineOptions.DEFAULT_SEED;

    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final long seed;
    private final int cropSize;
    private final double tumourFractionStart;
    private final double tumourFractionEnd;
    private final boolean augment;
    private final int patience;
    private final int threads;
    private final Path resume;
    private final Path initialWeights;
    private final int samplesPerEpoch;
    private final long cacheBytes;
    private final int validationBatchSize;
    private final int validationPatients;
    private final double minutes;
    private final int averageLastEpochs;
    private final int warmUpSteps;
    private final String normalization;
    private final Precision precision;
    private final Path checkpointDir;
    private final long splitSeed;
    private final AugmentationSettings augmentation;

    private TrainingConfig(Builder b) {
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        seed = b.seed;
        cropSize = b.cropSize;
        tumourFractionStart = b.tumourFractionStart;
        tumourFractionEnd = b.tumourFractionEnd;
        augment = b.augment;
        patience = b.patience;
        threads = b.threads;
        resume = b.resume;
        initialWeights = b.initialWeights;
        samplesPerEpoch = b.samplesPerEpoch;
        cacheBytes = b.cacheBytes;
        validationBatchSize = b.validationBatchSize;
        validationPatients = b.validationPatients;
        minutes = b.minutes;
        averageLastEpochs = b.averageLastEpochs;
        warmUpSteps = b.warmUpSteps;
        normalization = b.normalization;
        precision = b.precision;
        checkpointDir = b.checkpointDir;
        splitSeed = b.splitSeed;
        augmentation = new AugmentationSettings(
                b.augment,
                b.missingModality,
                b.missingModality > 0
                        ? ModalityPattern.missing().stream()
                                .map(ModalityPattern::id)
                                .toList()
                        : List.of(),
                b.intensityAugment,
                b.sliceStatistics);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public float learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
    }
    /** Side of the square training crops (256 = whole slices). */
    public int cropSize() {
        return cropSize;
    }
    /** Tumour-slice sampling probability at epoch 1; NaN = the task's default. */
    public double tumourFractionStart() {
        return tumourFractionStart;
    }
    /** ... at the last epoch; negative = the natural proportion of tumour slices; NaN = same as start. */
    public double tumourFractionEnd() {
        return tumourFractionEnd;
    }

    public boolean augment() {
        return augment;
    }
    /** Stop after this many epochs without improvement; 0 = never. */
    public int patience() {
        return patience;
    }
    /** Intra-op threads when the engine is started here; 0 = engine default or -Dai.djl.pytorch.num_threads. */
    public int threads() {
        return threads;
    }
    /** Checkpoint folder to resume from, or null. */
    public Path resume() {
        return resume;
    }
    /** Model bundle whose weights start the training (fine-tuning from epoch 1), or null. */
    public Path initialWeights() {
        return initialWeights;
    }
    /** Samples per epoch; 0 = the number of training slices. */
    public int samplesPerEpoch() {
        return samplesPerEpoch;
    }
    /** Upper bound of decoded slice bytes kept in memory. */
    public long cacheBytes() {
        return cacheBytes;
    }

    public int validationBatchSize() {
        return validationBatchSize;
    }
    /** Use only the first K validation patients of the split; 0 = all. */
    public int validationPatients() {
        return validationPatients;
    }
    /** Stop after the epoch in which this many minutes have passed; 0 = no limit. */
    public double minutes() {
        return minutes;
    }
    /** Average the weights of the last k epochs at the end and keep them if better; 0 or 1 = off. */
    public int averageLastEpochs() {
        return averageLastEpochs;
    }
    /** Linear warm-up steps of the learning rate; negative = 5% of all steps, at most 200. */
    public int warmUpSteps() {
        return warmUpSteps;
    }
    /** Id of the intensity normalization recorded in the bundle. */
    public String normalization() {
        return normalization;
    }

    /**
     * @return the number format of training steps as asked ({@code auto}: bfloat16 mixed precision on a CPU with
     *     native bf16, else float32); the task says what it can use ({@link TrainingTask#trainIn})
     */
    public Precision precision() {
        return precision;
    }
    /** Where the per-epoch "last" checkpoint goes; null = {@code <bundle>-last} next to the bundle. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** @return where training keeps the "last" checkpoint of {@code bundle}: {@link #checkpointDir}, else {@code <bundle>-last} */
    public Path lastCheckpointDir(Path bundle) {
        return Checkpoint.lastDir(this, bundle);
    }

    /** @return whether {@code dir} holds a checkpoint a run can resume from (its state file) */
    public static boolean holdsCheckpoint(Path dir) {
        return Checkpoint.holdsState(dir);
    }
    /** Seed the patient split was made with, recorded in model.json; -1 = unknown. */
    public long splitSeed() {
        return splitSeed;
    }

    /** What training slices go through besides cropping; recorded in model.json. */
    public AugmentationSettings augmentation() {
        return augmentation;
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.seed = seed;
        b.cropSize = cropSize;
        b.tumourFractionStart = tumourFractionStart;
        b.tumourFractionEnd = tumourFractionEnd;
        b.augment = augment;
        b.patience = patience;
        b.threads = threads;
        b.resume = resume;
        b.initialWeights = initialWeights;
        b.samplesPerEpoch = samplesPerEpoch;
        b.cacheBytes = cacheBytes;
        b.validationBatchSize = validationBatchSize;
        b.validationPatients = validationPatients;
        b.minutes = minutes;
        b.averageLastEpochs = averageLastEpochs;
        b.warmUpSteps = warmUpSteps;
        b.normalization = normalization;
        b.precision = precision;
        b.checkpointDir = checkpointDir;
        b.splitSeed = splitSeed;
        b.missingModality = augmentation.missingModality();
        b.intensityAugment = augmentation.intensity();
        b.sliceStatistics = augmentation.sliceStatistics();
        return b;
    }

    /** Builder; every option has a default. */
    public static final class Builder {
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private float learningRate = (float) DEFAULT_LEARNING_RATE;
        private long seed = DEFAULT_SEED;
        private int cropSize = DEFAULT_CROP_SIZE;
        private double tumourFractionStart = Double.NaN;
        private double tumourFractionEnd = Double.NaN;
        private boolean augment = true;
        private int patience;
        private int threads;
        private Path resume;
        private Path initialWeights;
        private int samplesPerEpoch;
        private long cacheBytes = 2L << 30;
        private int validationBatchSize = 4;
        private int validationPatients;
        private double minutes;
        private int averageLastEpochs;
        private int warmUpSteps = -1;
        private String normalization = Normalization.PERCENTILE_ZSCORE.id();
        private Precision precision = Precision.processDefault();
        private Path checkpointDir;
        private long splitSeed = -1;
        private double missingModality = DEFAULT_MISSING_MODALITY;
        private boolean intensityAugment = true;
        private double sliceStatistics = DEFAULT_SLICE_STATISTICS;

        private Builder() {}

        public Builder optEpochs(int v) {
            epochs = positive("epochs", v);
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = Bounds.batchSize(v, "batch size");
            return this;
        }

        public Builder optLearningRate(float v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1], got " + v);
            }
            learningRate = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public Builder optCropSize(int v) {
            if (v < 16 || v > 256 || v % 16 != 0) {
                throw new IllegalArgumentException("crop size must be a multiple of 16 in 16..256, got " + v);
            }
            cropSize = v;
            return this;
        }
        /** Constant tumour-slice sampling probability. */
        public Builder optTumourFraction(double v) {
            return optTumourFraction(v, v);
        }
        /** Linear schedule from {@code start} (epoch 1) to {@code end} (last epoch; negative = natural). */
        public Builder optTumourFraction(double start, double end) {
            if (!(start >= 0 && start <= 1) || end > 1) {
                throw new IllegalArgumentException("tumour fraction must be in 0..1, got " + start + ", " + end);
            }
            tumourFractionStart = start;
            tumourFractionEnd = end;
            return this;
        }

        public Builder optAugment(boolean v) {
            augment = v;
            return this;
        }

        public Builder optPatience(int v) {
            patience = Math.max(0, v);
            return this;
        }

        public Builder optThreads(int v) {
            threads = Bounds.threads(v, "threads");
            return this;
        }

        public Builder optResume(Path checkpoint) {
            resume = checkpoint;
            return this;
        }
        /** Start from the weights of this bundle (same kind and architecture) with a fresh schedule. */
        public Builder optInitialWeights(Path bundle) {
            initialWeights = bundle;
            return this;
        }

        public Builder optSamplesPerEpoch(int v) {
            samplesPerEpoch = Math.max(0, v);
            return this;
        }

        public Builder optCacheBytes(long v) {
            cacheBytes = Math.max(0, v);
            return this;
        }

        public Builder optValidationBatchSize(int v) {
            validationBatchSize = positive("validation batch", v);
            return this;
        }

        public Builder optValidationPatients(int v) {
            validationPatients = Math.max(0, v);
            return this;
        }

        public Builder optMinutes(double v) {
            minutes = Math.max(0, v);
            return this;
        }

        public Builder optAverageLastEpochs(int k) {
            averageLastEpochs = Math.max(0, k);
            return this;
        }

        public Builder optWarmUpSteps(int v) {
            warmUpSteps = v;
            return this;
        }

        public Builder optNormalization(String id) {
            normalization = id;
            return this;
        }

        /** Number format of training steps: auto (default: the process's, see {@code Precision.PROPERTY}), float32, bfloat16. */
        public Builder optPrecision(Precision p) {
            precision = Objects.requireNonNull(p, "precision");
            return this;
        }

        public Builder optCheckpointDir(Path dir) {
            checkpointDir = dir;
            return this;
        }

        public Builder optSplitSeed(long seed) {
            splitSeed = seed;
            return this;
        }
        /** Probability that a training slice gets a simulated missing modality (FLAIR-only, no-post, no-pre). */
        public Builder optMissingModality(double p) {
            missingModality = probability("missing-modality", p);
            return this;
        }
        /** Scanner-like intensity changes (brightness, per-channel gain and gamma) before normalisation. */
        public Builder optIntensityAugment(boolean v) {
            intensityAugment = v;
            return this;
        }
        /** Probability that a training slice is normalised with its own statistics, as a lone slice is. */
        public Builder optSliceStatistics(double p) {
            sliceStatistics = probability("slice-statistics", p);
            return this;
        }

        private static double probability(String what, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(what + " probability must be in 0..1, got " + p);
            }
            return p;
        }

        private static int positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be > 0, got " + v);
            }
            return v;
        }

        public TrainingConfig build() {
            return new TrainingConfig(this);
        }
    }
}
