package io.github.braintumor.cli;

import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.TrainingJobs;
import io.github.braintumor.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code brain-tumor train-unet DATA --out BUNDLE}: trains a UNet segmenter. */
final class TrainUnetSubcommand implements Subcommand {
    static final Set<String> COMMON = Set.of("out", "epochs", "batch", "lr", "seed", "samples");

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

    static final String COMMON_USAGE_LINE = "[--epochs 10] [--batch 8] [--lr 0.001] [--seed 42] [--samples 0]";
    static final String COMMON_USAGE = "  DATA        kaggle_3m folder or a folder of patient folders (20% of patients validate)\n"
            + "  --out       the model bundle folder to write (best epoch; Ctrl-C keeps the last best)\n"
            + "  --epochs, --batch, --lr, --seed   training settings\n"
            + "  --samples   slices per epoch, 0 = all training slices";

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, union(COMMON, Set.of("features", "crop")), Set.of());
        TrainingJobs.Settings s = settings(a, a.getInt("crop", 128));
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r = TrainingJobs.segmenter(s, a.getInt("features", 16), bar, () -> false);
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }

    static TrainingJobs.Settings settings(Args a, int crop) throws Exception {
        a.expectPositional(1);
        Path data = a.existingPath(0, "DATA");
        Path bundle = a.path("out");
        if (bundle == null) throw new UsageException("--out BUNDLE is required");
        Inputs.dataset(data);
        return new TrainingJobs.Settings(data, bundle, a.getInt("epochs", 10), a.getInt("batch", 8),
                a.getDouble("lr", 1e-3), crop, a.getLong("seed", 42), a.getInt("samples", 0));
    }

    static Set<String> union(Set<String> x, Set<String> y) {
        java.util.HashSet<String> s = new java.util.HashSet<>(x);
        s.addAll(y);
        return s;
    }
}
