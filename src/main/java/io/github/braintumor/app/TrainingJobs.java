package io.github.braintumor.app;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputLock;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.SearchSpace;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.train.ClassifierTrainer;
import io.github.braintumor.train.RandomSearch;
import io.github.braintumor.train.SearchConfig;
import io.github.braintumor.train.SearchResult;
import io.github.braintumor.train.SegmenterTrainer;
import io.github.braintumor.train.TrainingConfig;
import io.github.braintumor.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
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

    /** Fractions of a split made for a {@code split} file that does not exist yet: a test part is kept untouched. */
    public static final double[] SPLIT_FILE_FRACTIONS = {0.7, 0.15, 0.15};

    /** Input side of the classifier when none is given: the slices halved, which keeps CPU training practical. */
    public static final int DEFAULT_CLASSIFIER_INPUT = 128;
    /** More epochs than anyone trains: a typo (100000) is refused instead of running for a year. */
    static final int MAX_EPOCHS = 10_000;

    /** Input side during a random search: many short trainings, so smaller still. */
    public static final int DEFAULT_SEARCH_INPUT = 64;

    /** The name a random search's output folder is marked with ({@link OutputPaths#MARKER}), CLI and Fiji alike. */
    public static final String SEARCH_COMMAND = "search-classifier";

    /**
     * One training run's settings, as {@link #settings(OptionValues)} makes them from a command's options.
     *
     * @param cropSize training crop side for the UNet (0 = whole slices)
     * @param samplesPerEpoch slices per epoch (0 = all training slices)
     * @param split patient split CSV: read when it exists, else made ({@link #SPLIT_FILE_FRACTIONS}) and written
     *     there; {@code null}: {@link #VALIDATION_FRACTION} of the patients validate and none is held out
     * @param campaign the other {@link TrainingConfig} settings (time budget, resume, sampling, augmentation...);
     *     its epochs, batch size, learning rate, seed and samples are replaced by this record's
     * @param overwrite whether an existing trained bundle at {@code output} may be replaced (a resumed training
     *     continues its own bundle without it)
     */
    public record Settings(
            Path data,
            Path output,
            int epochs,
            int batchSize,
            double learningRate,
            int cropSize,
            long seed,
            int samplesPerEpoch,
            Path split,
            TrainingConfig campaign,
            boolean overwrite) {
        /** The settings the dialogs ask for; no split file, the campaign settings' defaults, no overwrite. */
        public Settings(
                Path data,
                Path output,
                int epochs,
                int batchSize,
                double learningRate,
                int cropSize,
                long seed,
                int samplesPerEpoch) {
            this(
                    data,
                    output,
                    epochs,
                    batchSize,
                    learningRate,
                    cropSize,
                    seed,
                    samplesPerEpoch,
                    null,
                    TrainingConfig.builder().build(),
                    false);
        }

        void check() {
            if (data == null || data.toString().isBlank()) throw new IllegalArgumentException("no data folder given");
            if (output == null || output.toString().isBlank()) {
                throw new IllegalArgumentException("no output folder given for the model bundle");
            }
            if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            Bounds.batchSize(batchSize, "batch size");
            if (epochs > MAX_EPOCHS) {
                throw new IllegalArgumentException("epochs must be 1.." + MAX_EPOCHS + ", got " + epochs);
            }
            if (samplesPerEpoch < 0) {
                throw new IllegalArgumentException("samples per epoch must be 0 (all) or more, got " + samplesPerEpoch);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
            }
        }

        TrainingConfig.Builder config() {
            TrainingConfig.Builder b = campaign.toBuilder()
                    .optEpochs(epochs)
                    .optBatchSize(batchSize)
                    .optLearningRate((float) learningRate)
                    .optSeed(seed);
            if (samplesPerEpoch > 0) b.optSamplesPerEpoch(samplesPerEpoch);
            return b;
        }
    }

    /**
     * The settings of one run of a training command from its table's values ({@link TrainingCommandOptions#UNET},
     * {@link TrainingCommandOptions#CLASSIFIER} or {@link TrainingCommandOptions#SEARCH}), whichever front end read
     * them: the one place where options become a {@link TrainingConfig}. Options a table does not hold keep their
     * defaults; no crop option means whole slices.
     *
     * @throws IllegalArgumentException a resume or init folder that does not exist, or both given
     */
    public static Settings settings(OptionValues v) {
        Path resume = v.path(TrainingCommandOptions.RESUME);
        if (resume != null && !Files.isDirectory(resume)) {
            throw new IllegalArgumentException(
                    "--resume " + resume + ": no such checkpoint folder (training writes <output>-last)");
        }
        Path init = v.path(TrainingCommandOptions.INIT);
        if (init != null && !Files.isDirectory(init)) {
            throw new IllegalArgumentException("--init " + init + ": no such model bundle folder");
        }
        if (init != null && resume != null) throw new IllegalArgumentException("give --resume or --init, not both");
        int threads = Bounds.threads(v.get(TrainingCommandOptions.THREADS), "--threads");
        double minutes = v.get(TrainingCommandOptions.MINUTES);
        int average = v.get(TrainingCommandOptions.AVERAGE);
        int validationPatients = v.get(TrainingCommandOptions.VALIDATION_PATIENTS);
        long cacheMb = v.get(TrainingCommandOptions.CACHE_MB);
        double tumourFraction = v.get(TrainingCommandOptions.TUMOUR_FRACTION);
        boolean augment = v.get(TrainingCommandOptions.AUGMENT);
        boolean intensity = v.get(TrainingCommandOptions.INTENSITY_AUGMENT);
        double missing = v.get(TrainingCommandOptions.MISSING_MODALITY);
        double sliceStatistics = v.get(TrainingCommandOptions.SLICE_STATISTICS);
        String normalization = v.get(TrainingCommandOptions.NORMALIZATION);
        TrainingConfig.Builder campaign = TrainingConfig.builder()
                .optMinutes(minutes)
                .optAverageLastEpochs(average)
                .optValidationPatients(validationPatients)
                .optThreads(threads)
                .optCacheBytes(cacheMb << 20)
                .optAugment(augment)
                .optIntensityAugment(intensity)
                .optMissingModality(missing)
                .optSliceStatistics(sliceStatistics)
                .optNormalization(normalization);
        if (tumourFraction >= 0) campaign.optTumourFraction(tumourFraction, -1);
        if (resume != null) campaign.optResume(resume);
        if (init != null) campaign.optInitialWeights(init);
        boolean hasCrop = v.table().find(TrainingCommandOptions.CROP.key()) != null;
        return new Settings(
                v.path(CommonOptions.DATA),
                v.path(CommonOptions.OUTPUT),
                v.get(TrainingCommandOptions.EPOCHS),
                v.get(TrainingCommandOptions.BATCH_SIZE),
                v.get(TrainingCommandOptions.LEARNING_RATE),
                hasCrop ? v.get(TrainingCommandOptions.CROP) : 0,
                v.get(TrainingCommandOptions.SEED),
                v.get(TrainingCommandOptions.SAMPLES),
                v.path(TrainingCommandOptions.SPLIT),
                campaign.build(),
                v.get(CommonOptions.OVERWRITE));
    }

    /** Trains a UNet with {@code features} filters in its first level. */
    public static TrainingResult segmenter(Settings s, int features, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        s.check();
        if (features < 1) throw new IllegalArgumentException("features must be at least 1, got " + features);
        TrainingConfig.Builder config = s.config();
        checkBeforeTraining(s, config.build());
        LggDataset data = LggDataset.index(s.data());
        config.optCropSize(cropSize(s));
        PatientSplit split = split(data, s, config);
        try (OutputLock lock = lock(s)) {
            return new SegmenterTrainer(UNet.builder().optFeatures(features), config.build())
                    .train(data, split, s.output(), progress, cancel);
        }
    }

    /** Trains the slice classifier with the baseline hyperparameters, the given learning rate, 128x128 input. */
    public static TrainingResult classifier(Settings s, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        return classifier(s, DEFAULT_CLASSIFIER_INPUT, progress, cancel);
    }

    /**
     * Trains the slice classifier with the baseline hyperparameters and the given learning rate.
     *
     * @param inputSize side the slices are averaged down to (a divisor of 256 and a multiple of 32)
     */
    public static TrainingResult classifier(
            Settings s, int inputSize, ProgressListener progress, BooleanSupplier cancel) throws Exception {
        ClassifierHyperparameters d = ClassifierHyperparameters.defaults();
        return classifier(
                s,
                ClassifierHyperparameters.of(d.dropouts(), d.denseUnits(), d.denseActivation(), s.learningRate())
                        .withInputSize(inputSize),
                progress,
                cancel);
    }

    /**
     * Trains the slice classifier with the given hyperparameters (e.g. the best of a random search); their learning
     * rate and input size are used, not those of {@code s}.
     */
    public static TrainingResult classifier(
            Settings s, ClassifierHyperparameters h, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        s.check();
        TrainingConfig.Builder config = s.config();
        checkBeforeTraining(s, config.build());
        LggDataset data = LggDataset.index(s.data());
        PatientSplit split = split(data, s, config);
        try (OutputLock lock = lock(s)) {
            return new ClassifierTrainer(h, config.build()).train(data, split, s.output(), progress, cancel);
        }
    }

    /**
     * Random search of the classifier's hyperparameters (the study's space): {@code trials} draws, each trained
     * {@code executions} times for {@code s.epochs()} epochs; the best is retrained into {@code <output>/best}.
     * The trials table is {@code <output>/trials.csv}, best first.
     */
    public static SearchResult search(
            Settings s, int trials, int executions, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        return search(s, trials, executions, DEFAULT_SEARCH_INPUT, progress, cancel);
    }

    /**
     * As {@link #search(Settings, int, int, ProgressListener, BooleanSupplier)} with the slices averaged down to
     * {@code inputSize} for the search and the retraining of the best trial.
     */
    public static SearchResult search(
            Settings s, int trials, int executions, int inputSize, ProgressListener progress, BooleanSupplier cancel)
            throws Exception {
        return search(s, trials, executions, inputSize, false, progress, cancel);
    }

    /**
     * As {@link #search(Settings, int, int, int, ProgressListener, BooleanSupplier)}; {@code overwrite} replaces
     * what an earlier search recorded in the output folder (without it such a folder is refused before any work).
     */
    public static SearchResult search(
            Settings s,
            int trials,
            int executions,
            int inputSize,
            boolean overwrite,
            ProgressListener progress,
            BooleanSupplier cancel)
            throws Exception {
        s.check();
        if (trials < 1) throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        if (executions < 1) throw new IllegalArgumentException("executions must be at least 1, got " + executions);
        TrainingConfig.Builder training = s.config();
        checkInputs(s, training.build());
        OutputPaths.checkFolder(s.output(), SEARCH_COMMAND, overwrite, s.data());
        LggDataset data = LggDataset.index(s.data());
        PatientSplit split = split(data, s, training);
        SearchSpace study = SearchSpace.study();
        SearchSpace space = new SearchSpace(study.baseFilters(), inputSize, study.denseDropout());
        SearchConfig config =
                new SearchConfig(trials, s.epochs(), executions, s.seed(), space, training.build(), s.epochs());
        try (OutputTransaction tx = OutputTransaction.builder()
                .setFolder(s.output())
                .setCommand(SEARCH_COMMAND)
                .optOverwrite(overwrite)
                .optInputs(s.data())
                .optMayWrite(path -> path.equals(RandomSearch.TABLE) || path.startsWith("best"))
                .begin()) {
            SearchResult result = new RandomSearch().run(data, split, config, tx.staging(), progress, cancel);
            // a canceled search keeps what it found, unless that would replace a complete earlier one
            if (result.canceled() && tx.replacesEarlier()) {
                return new SearchResult(result.trials(), result.best(), null, null, true);
            }
            tx.commit();
            return new SearchResult(
                    result.trials(),
                    result.best(),
                    tx.published(result.table()),
                    tx.published(result.bestBundle()),
                    result.canceled());
        }
    }

    /**
     * Everything a training can be refused for, checked before the data is read: the bundle and its checkpoint
     * folder may only replace what this program wrote ({@link OutputPaths}), and the resume folder must be a
     * checkpoint.
     */
    static void checkBeforeTraining(Settings s, TrainingConfig config) throws IOException {
        checkInputs(s, config);
        OutputPaths.checkBundle(s.output(), s.data());
        if (!s.overwrite() && config.resume() == null && OutputPaths.isBundle(s.output())) {
            throw new OutputRefusedException("model folder " + s.output() + " holds a trained model: pass --overwrite"
                    + " (in Fiji: tick 'Replace an existing model') to replace it once the new one has trained an"
                    + " epoch, resume it with --resume " + s.output() + "-last, or choose a new folder; nothing was"
                    + " changed");
        }
        OutputPaths.checkBundle(config.lastCheckpointDir(s.output()), s.data());
    }

    /** Two trainings into one bundle would replace each other's model: the second is refused in one line. */
    private static OutputLock lock(Settings s) throws IOException {
        Path bundle = s.output().toAbsolutePath().normalize();
        OutputLock lock = OutputLock.acquire(bundle, "train");
        // half-written bundles of a training that was killed: ours by name, and no live run writes them now
        AtomicFiles.removeLeftovers(bundle);
        AtomicFiles.removeLeftovers(TrainingConfig.builder().build().lastCheckpointDir(bundle));
        return lock;
    }

    /** The resume folder and the split file, shared by training and the random search. */
    private static void checkInputs(Settings s, TrainingConfig config) throws IOException {
        Path resume = config.resume();
        if (resume != null && !TrainingConfig.holdsCheckpoint(resume)) {
            throw new IllegalArgumentException("cannot resume from " + resume + ": it holds no checkpoint.json"
                    + " (resume from the <bundle>-last folder that training writes every epoch)");
        }
        if (s.split() != null && !Files.isRegularFile(s.split())) {
            OutputPaths.checkFile(s.split(), s.data()); // a new split file is written there
        }
    }

    /** The training crop side of {@code s}: 0 means whole slices. */
    static int cropSize(Settings s) {
        return s.cropSize() > 0 ? s.cropSize() : LggTiff.LGG_SIZE;
    }

    /** The split of {@code s}: read from its file, or made with its seed (and recorded in {@code config}). */
    static PatientSplit split(LggDataset data, Settings s, TrainingConfig.Builder config) throws IOException {
        if (s.split() != null && Files.isRegularFile(s.split())) return PatientSplit.read(s.split());
        config.optSplitSeed(s.seed());
        if (s.split() == null) {
            return PatientSplit.create(data, 1 - VALIDATION_FRACTION, VALIDATION_FRACTION, 0, s.seed());
        }
        PatientSplit split = PatientSplit.create(
                data, SPLIT_FILE_FRACTIONS[0], SPLIT_FILE_FRACTIONS[1], SPLIT_FILE_FRACTIONS[2], s.seed());
        split.write(s.split());
        return split;
    }
}
