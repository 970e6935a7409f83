package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.nn.ClassifierHyperparameters;
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
        return "train-classifier DATA --out BUNDLE [--input-size 128] [--hyperparameters BUNDLE] "
                + TrainUnetSubcommand.COMMON_USAGE_LINE + "\n"
                + "  --input-size  side the 256x256 slices are averaged down to (256, 128 or 64)\n"
                + "  --hyperparameters  take dropouts, dense units/activation and learning rate from this classifier\n"
                + "                bundle (e.g. the best/ of search-classifier); --lr, if given, overrides its rate\n"
                + TrainUnetSubcommand.COMMON_USAGE;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                argv,
                TrainUnetSubcommand.union(
                        TrainUnetSubcommand.COMMON, java.util.Set.of("input-size", "hyperparameters")),
                TrainUnetSubcommand.FLAGS);
        TrainingJobs.Settings s = TrainUnetSubcommand.settings(a, 0);
        ClassifierHyperparameters hyperparameters = null;
        if (a.has("hyperparameters")) {
            hyperparameters = Inputs.classifierHyperparameters(a.path("hyperparameters"));
            if (a.has("lr")) hyperparameters = hyperparameters.withLearningRate(a.getDouble("lr", 1e-3));
        }
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            int inputSize = a.getInt("input-size", TrainingJobs.DEFAULT_CLASSIFIER_INPUT);
            r = hyperparameters == null
                    ? TrainingJobs.classifier(s, inputSize, bar, stop)
                    : TrainingJobs.classifier(s, hyperparameters.withInputSize(inputSize), bar, stop);
        }
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }
}
