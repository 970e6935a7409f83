package io.github.braintumor.app.options;

import static io.github.braintumor.app.options.CommonOptions.DATA;
import static io.github.braintumor.app.options.CommonOptions.OUTPUT;
import static io.github.braintumor.app.options.CommonOptions.OVERWRITE;

import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.train.TrainingConfig;

/**
 * The tables of the training commands: Train Segmenter ({@code train-unet}), Train Classifier
 * ({@code train-classifier}) and Random Search Classifier ({@code search-classifier}). Fiji offers the settings a
 * biologist changes; the command line adds the campaign's (time budget, resume, augmentation, ...).
 *
 * <pre>{@code
 * OptionValues v = TrainingCommandOptions.UNET.fromValues(Map.of("epochs", 3)::get);
 * v.get(TrainingCommandOptions.EPOCHS);          // 3
 * v.get(TrainingCommandOptions.LEARNING_RATE);   // 0.001
 * }</pre>
 */
public final class TrainingCommandOptions {
    private TrainingCommandOptions() {}

    public static final Option<String> TRAINING_OUTPUT = OUTPUT.label("Output model folder")
            .metavar("BUNDLE")
            .help("the model bundle folder to write (best epoch; Ctrl-C keeps the last best)")
            .required();

    public static final Option<Integer> EPOCHS =
            Option.integer("epochs", TrainingConfig.DEFAULT_EPOCHS).min(1).label("Epochs");

    public static final Option<Integer> BATCH_SIZE = Option.integer("batchsize", TrainingConfig.DEFAULT_BATCH_SIZE)
            .min(1)
            .alias("batch")
            .label("Batch size")
            .help("slices per training step");

    public static final Option<Double> LEARNING_RATE = Option.number(
                    "learningrate", TrainingConfig.DEFAULT_LEARNING_RATE)
            .rule(lr -> lr > 0 && lr <= 1, "in (0, 1]")
            .alias("lr")
            .label("Learning rate")
            .help("Adam's learning rate (warm-up, then cosine)");

    public static final Option<Long> SEED = Option.longInteger("seed", TrainingConfig.DEFAULT_SEED)
            .label("Random seed")
            .help("the run's seed");

    public static final Option<Integer> SAMPLES = Option.integer("samples", 0)
            .min(0)
            .label("Samples per epoch (0 = all)")
            .help("slices per epoch, 0 = all training slices");

    public static final Option<Double> MISSING_MODALITY = Option.number(
                    "missingmodality", TrainingConfig.DEFAULT_MISSING_MODALITY)
            .range(0, 1)
            .alias("missing-modality")
            .label("Share of slices shown with a missing modality (FLAIR-only, no-post, no-pre)")
            .help("share of training slices shown as FLAIR-only, no-post or no-pre (0 = off)");

    public static final Option<Boolean> TRAINING_OVERWRITE = OVERWRITE
            .label("Replace a trained model in the output folder")
            .help("replace a trained model already there (without it that is refused)");

    public static final Option<String> SPLIT = Option.file("split")
            .metavar("CSV")
            .help("patient split CSV (patient,hospital,part): used if it exists, else a 70/15/15 split\n"
                    + "by hospital is made with --seed and written there; without it 20% of patients validate")
            .cliOnly();

    public static final Option<Double> MINUTES = Option.number("minutes", 0)
            .min(0)
            .help("time budget: stop cleanly after the epoch in which it runs out (0 = none)")
            .cliOnly();

    public static final Option<String> RESUME = Option.folder("resume")
            .metavar("CHECKPOINT")
            .help("continue from a checkpoint folder (<output>-last is written every epoch)")
            .cliOnly();

    public static final Option<String> INIT = Option.folder("init")
            .metavar("BUNDLE")
            .help("start from the weights of a model bundle of the same architecture (fine-tuning)")
            .cliOnly();

    public static final Option<Integer> AVERAGE = Option.integer("average", 0)
            .min(0)
            .metavar("K")
            .help("average the weights of the last K epochs; kept if it validates better")
            .cliOnly();

    /** -1: the schedule's own share. */
    public static final Option<Double> TUMOUR_FRACTION = Option.number("tumour-fraction", -1)
            .range(0, 1)
            .metavar("P")
            .help("share of tumour-centred samples at epoch 1 (falls to the natural share)")
            .cliOnly();

    public static final Option<Integer> VALIDATION_PATIENTS = Option.integer("val-patients", 0)
            .min(0)
            .metavar("K")
            .help("validate on the first K validation patients only (0 = all)")
            .cliOnly();

    public static final Option<Integer> THREADS = Option.integer("threads", 0)
            .min(0)
            .help("intra-op threads (0 = engine default)")
            .cliOnly();

    public static final Option<Long> CACHE_MB = Option.longInteger("cache-mb", 2048)
            .range(0, 1 << 20)
            .metavar("MB")
            .help("decoded-slice cache")
            .cliOnly();

    public static final Option<Boolean> AUGMENT =
            Option.flag("augment", true).help("no flips, rotations or scaling").cliOnly();

    public static final Option<Boolean> INTENSITY_AUGMENT = Option.flag("intensity-augment", true)
            .help("no scanner-like brightness, gain and gamma changes")
            .cliOnly();

    public static final Option<Double> SLICE_STATISTICS = Option.number(
                    "slice-statistics", TrainingConfig.DEFAULT_SLICE_STATISTICS)
            .range(0, 1)
            .metavar("P")
            .help("share of training slices normalised on their own (as a lone slice is)")
            .cliOnly();

    public static final Option<String> NORMALIZATION = Option.choice(
                    "normalization",
                    Normalization.PERCENTILE_ZSCORE.id(),
                    Normalization.PERCENTILE_ZSCORE.id(),
                    Normalization.DIVIDE_BY_255.id())
            .help("percentile-zscore (per volume, default) or divide255")
            .cliOnly();

    /** The command line's settings of a training campaign (time budget, resume, sampling, augmentation). */
    private static final Option<?>[] CAMPAIGN = {
        SPLIT,
        MINUTES,
        RESUME,
        INIT,
        AVERAGE,
        TUMOUR_FRACTION,
        VALIDATION_PATIENTS,
        THREADS,
        CACHE_MB,
        AUGMENT,
        INTENSITY_AUGMENT,
        SLICE_STATISTICS,
        NORMALIZATION
    };

    /** What every training command takes, in dialog order. */
    public static final OptionTable COMMON = OptionTable.of(
                    DATA,
                    TRAINING_OUTPUT,
                    EPOCHS,
                    BATCH_SIZE,
                    LEARNING_RATE,
                    SEED,
                    SAMPLES,
                    MISSING_MODALITY,
                    TRAINING_OVERWRITE)
            .plus(CAMPAIGN);

    public static final Option<Integer> FEATURES = Option.integer("features", 16)
            .min(1)
            .label("Features (first level filters)")
            .help("filters of the first UNet level (32 = Buda et al.; 16 trains ~4x faster)");

    public static final Option<Integer> CROP = Option.integer("crop", TrainingConfig.DEFAULT_CROP_SIZE)
            .min(0)
            .label("Crop size (0 = whole slices)")
            .help("training crop side, 0 = whole slices");

    public static final OptionTable UNET = COMMON.plus(FEATURES, CROP);

    public static final Option<Integer> CLASSIFIER_INPUT_SIZE = Option.integer(
                    "input-size", TrainingJobs.DEFAULT_CLASSIFIER_INPUT)
            .help("side the 256x256 slices are averaged down to (256, 128 or 64; the model checks it)")
            .cliOnly();

    public static final Option<String> HYPERPARAMETERS = Option.folder("hyperparameters")
            .metavar("BUNDLE")
            .help("take dropouts, dense units/activation and learning rate from this classifier\n"
                    + "bundle (e.g. the best/ of search-classifier); --learningrate, if given, overrides its rate")
            .cliOnly();

    public static final OptionTable CLASSIFIER = COMMON.plus(CLASSIFIER_INPUT_SIZE, HYPERPARAMETERS);

    public static final Option<Integer> TRIALS =
            Option.integer("trials", 10).min(1).label("Trials").help("hyperparameter draws");

    public static final Option<Integer> EXECUTIONS =
            Option.integer("executions", 2).min(1).label("Executions per trial").help("trainings per draw");

    public static final Option<Integer> SEARCH_INPUT_SIZE = CLASSIFIER_INPUT_SIZE
            .withDefault(TrainingJobs.DEFAULT_SEARCH_INPUT)
            .help("side the slices are averaged down to for the search (64 keeps trials cheap)");

    /** The search draws its own learning rates (Fiji does not offer one); the other settings as for training. */
    public static final OptionTable SEARCH = OptionTable.of(
                    DATA.help("kaggle_3m folder or a folder of patient folders (20% of patients validate)"),
                    OUTPUT.help("output folder: trials.csv (best first) and best/ (the best trial retrained)")
                            .required(),
                    TRIALS,
                    EXECUTIONS,
                    EPOCHS.withDefault(5).label("Epochs per execution").help("epochs per training"),
                    BATCH_SIZE,
                    SEED,
                    SAMPLES,
                    OVERWRITE
                            .label("Overwrite an earlier search in the output folder")
                            .help("replace what an earlier search wrote there (without it such a folder is refused)"),
                    SEARCH_INPUT_SIZE,
                    MISSING_MODALITY,
                    LEARNING_RATE.cliOnly())
            .plus(CAMPAIGN)
            .replace(MINUTES.help("time budget of each training (0 = none)"));
}
