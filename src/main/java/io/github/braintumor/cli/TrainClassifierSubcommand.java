package io.github.braintumor.cli;

import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.TrainingJobs;
import io.github.braintumor.train.TrainingResult;
import java.io.PrintStream;
import java.util.List;

/** {@code brain-tumor train-classifier DATA --out BUNDLE}: trains the tumour / no-tumour slice classifier. */
final class TrainClassifierSubcommand implements Subcommand {
    @Override
    public String name() {
        return "train-classifier";
    }

    @Override
    public String summary() {
        return "train the tumour / no-tumour slice classifier on a data folder";
    }

    @Override
    public String usage() {
        return "train-classifier DATA --out BUNDLE " + TrainUnetSubcommand.COMMON_USAGE_LINE + "\n"
                + TrainUnetSubcommand.COMMON_USAGE;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, TrainUnetSubcommand.COMMON, java.util.Set.of());
        TrainingJobs.Settings s = TrainUnetSubcommand.settings(a, 0);
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r = TrainingJobs.classifier(s, bar, () -> false);
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }
}
