package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
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
    public OptionTable options() {
        return TrainingCommandOptions.CLASSIFIER;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, TrainingCommandOptions.CLASSIFIER);
        TrainingJobs.Settings s = TrainUnetSubcommand.settings(a);
        ClassifierHyperparameters hyperparameters = null;
        Path from = a.path(TrainingCommandOptions.HYPERPARAMETERS);
        if (from != null) {
            hyperparameters = Inputs.classifierHyperparameters(from);
            if (a.has(TrainingCommandOptions.LEARNING_RATE)) {
                hyperparameters = hyperparameters.withLearningRate(a.get(TrainingCommandOptions.LEARNING_RATE));
            }
        }
        TextProgressBar bar = new TextProgressBar(err);
        TrainingResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            int inputSize = a.get(TrainingCommandOptions.CLASSIFIER_INPUT_SIZE);
            r = hyperparameters == null
                    ? TrainingJobs.classifier(s, inputSize, bar, stop)
                    : TrainingJobs.classifier(s, hyperparameters.withInputSize(inputSize), bar, stop);
        }
        bar.finish();
        out.println(Reports.training(r));
        return Main.OK;
    }
}
