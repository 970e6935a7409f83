package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.tensor.Normalization;
import io.github.braintumor.train.TrainingConfig;
import io.github.braintumor.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** {@code brain-tumor train-unet DATA --out BUNDLE}: trains a UNet segmenter. */
final class TrainUnetSubcommand implements Subcommand {
    static final Set<String> COMMON = Set.of(
            "out",
            "epochs",
            "batch",
            "lr",
            "seed",
            "samples",
            "split",
            "minutes",
            "resume",
            "init",
            "average",
            "tumour-fraction",
            "val-patients",
            "threads",
            "cache-mb",
            "missing-modality",
            "slice-statistics",
            "normalization");
    static final Set<String> FLAGS = Set.of("no-augment", "no-intensity-augment", "overwrite");

    @Override
    public String name() {
        return "train-unet";
    }

    @Override
    public String summary() {
        return "train a UNet tumour segmenter on a data folder";
    }

    @Override
    public String usage() {
        return "train-unet DATA --out BUNDLE [--features 16] [--crop 128] " + COMMON_USAGE_LINE + "\n"
                + "  --features  filters of the first UNet level (32 = Buda et al.; 16 trains ~4x faster)\n"
                + "  --crop      training crop side, 0 = whole slices\n" + COMMON_USAGE;
    }

    static final String COMMON_USAGE_LINE = "[--epochs 10] [--batch 8] [--lr 0.001] [--seed 42] [--samples 0]\n"
            + "    [--split CSV] [--minutes M] [--resume CHECKPOINT | --init BUNDLE] [--average K] [--tumour-fraction P]\n"
            + "    [--val-patients K] [--threads T] [--cache-mb MB] [--no-augment] [--missing-modality 0.3]\n"
            + "    [--no-intensity-augment] [--slice-statistics 0.1] [--normalization percentile-zscore] [--overwrite]";
    static final String COMMON_USAGE = "  DATA        kaggle_3m folder or a folder of patient folders\n"
            + "  --out       the model bundle folder to write (best epoch; Ctrl-C keeps the last best)\n"
            + "  --overwrite replace a trained model already at --out (without it that is refused)\n"
            + "  --epochs, --batch, --lr, --seed   training settings\n"
            + "  --samples   slices per epoch, 0 = all training slices\n"
            + "  --split     patient split CSV (patient,hospital,part): used if it exists, else a 70/15/15 split\n"
            + "              by hospital is made with --seed and written there; without it 20% of patients validate\n"
            + "  --minutes   time budget: stop cleanly after the epoch in which it runs out (0 = none)\n"
            + "  --resume    continue from a checkpoint folder (<out>-last is written every epoch)\n"
            + "  --init      start from the weights of a model bundle of the same architecture (fine-tuning)\n"
            + "  --average   average the weights of the last K epochs; kept if it validates better\n"
            + "  --tumour-fraction  share of tumour-centred samples at epoch 1 (falls to the natural share)\n"
            + "  --val-patients     validate on the first K validation patients only (0 = all)\n"
            + "  --threads   intra-op threads (0 = engine default); --cache-mb: decoded-slice cache\n"
            + "  --no-augment       no flips, rotations or scaling\n"
            + "  --missing-modality share of training slices shown as FLAIR-only, no-post or no-pre (0 = off)\n"
            + "  --no-intensity-augment  no scanner-like brightness, gain and gamma changes\n"
            + "  --slice-statistics share of training slices normalised on their own (as a lone slice is)\n"
            + "  --normalization    percentile-zscore (per volume, default) or divide255";

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, union(COMMON, Set.of("features", "crop")), FLAGS);
        TrainingJobs.Settings s = settings(a, a.getInt("crop", 128));
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            r = TrainingJobs.segmenter(s, a.getInt("features", 16), bar, stop);
        }
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }

    static TrainingJobs.Settings settings(Args a, int crop) throws Exception {
        return settings(a, crop, 10);
    }

    static TrainingJobs.Settings settings(Args a, int crop, int defaultEpochs) throws Exception {
        a.expectPositional(1);
        Path data = a.existingPath(0, "DATA");
        Path bundle = a.path("out");
        if (bundle == null) throw new UsageException("--out BUNDLE is required");
        Inputs.dataset(data);
        return new TrainingJobs.Settings(
                data,
                bundle,
                a.getInt("epochs", defaultEpochs),
                a.getInt("batch", 8),
                a.getDouble("lr", 1e-3),
                crop,
                a.getLong("seed", 42),
                a.getInt("samples", 0),
                a.path("split"),
                tuning(a),
                a.has("overwrite"));
    }

    /** The advanced options, checked now so that a typo fails before any training starts. */
    static UnaryOperator<TrainingConfig.Builder> tuning(Args a) throws UsageException {
        double minutes = a.getDouble("minutes", 0);
        int average = a.getInt("average", 0);
        int validationPatients = a.getInt("val-patients", 0);
        int threads = a.getInt("threads", 0);
        long cacheMb = a.getLong("cache-mb", 2048);
        double tumourFraction = a.getDouble("tumour-fraction", -1);
        // negative values were taken as they came (a negative budget, cache or count): refused up front
        if (!(minutes >= 0)) throw new UsageException("--minutes must be 0 (no limit) or more, got " + minutes);
        if (average < 0) throw new UsageException("--average must be 0 (off) or more, got " + average);
        if (validationPatients < 0) {
            throw new UsageException("--val-patients must be 0 (all) or more, got " + validationPatients);
        }
        if (cacheMb < 0 || cacheMb > (1L << 20)) {
            throw new UsageException("--cache-mb must be 0..1048576, got " + cacheMb);
        }
        io.github.braintumor.engine.Bounds.threads(threads, "--threads");
        if (a.has("tumour-fraction") && !(tumourFraction >= 0 && tumourFraction <= 1)) {
            throw new UsageException("--tumour-fraction must be between 0 and 1, got " + tumourFraction);
        }
        Path resume = a.path("resume");
        if (resume != null && !Files.isDirectory(resume)) {
            throw new UsageException("--resume " + resume + ": no such checkpoint folder (training writes <out>-last)");
        }
        Path init = a.path("init");
        if (init != null && !Files.isDirectory(init)) {
            throw new UsageException("--init " + init + ": no such model bundle folder");
        }
        if (init != null && resume != null) throw new UsageException("give --resume or --init, not both");
        boolean augment = !a.has("no-augment");
        boolean intensity = !a.has("no-intensity-augment");
        double missing = probability(a, "missing-modality", TrainingConfig.DEFAULT_MISSING_MODALITY);
        double sliceStatistics = probability(a, "slice-statistics", TrainingConfig.DEFAULT_SLICE_STATISTICS);
        String normalization = a.get("normalization", Normalization.PERCENTILE_ZSCORE.id());
        try {
            Normalization.fromId(normalization);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--normalization: " + e.getMessage());
        }
        return b -> {
            b.optMinutes(minutes)
                    .optAverageLastEpochs(average)
                    .optValidationPatients(validationPatients)
                    .optThreads(threads)
                    .optCacheBytes(cacheMb << 20)
                    .optAugment(augment)
                    .optIntensityAugment(intensity)
                    .optMissingModality(missing)
                    .optSliceStatistics(sliceStatistics)
                    .optNormalization(normalization);
            if (tumourFraction >= 0) b.optTumourFraction(tumourFraction, -1);
            if (resume != null) b.optResume(resume);
            if (init != null) b.optInitialWeights(init);
            return b;
        };
    }

    private static double probability(Args a, String key, double fallback) throws UsageException {
        double p = a.getDouble(key, fallback);
        if (!(p >= 0 && p <= 1)) {
            throw new UsageException("--" + key + " must be between 0 and 1, got " + p);
        }
        return p;
    }

    static Set<String> union(Set<String> x, Set<String> y) {
        java.util.HashSet<String> s = new java.util.HashSet<>(x);
        s.addAll(y);
        return s;
    }
}
