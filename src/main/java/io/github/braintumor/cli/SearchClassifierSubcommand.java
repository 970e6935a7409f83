package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.train.SearchResult;
import java.io.PrintStream;
import java.util.List;

/** {@code brain-tumor search-classifier DATA --out DIR}: random search of the classifier's hyperparameters. */
final class SearchClassifierSubcommand implements Subcommand {
    @Override
    public String name() {
        return "search-classifier";
    }

    @Override
    public String summary() {
        return "random search of the classifier's hyperparameters (trials.csv + best model)";
    }

    @Override
    public OptionTable options() {
        return TrainingCommandOptions.SEARCH;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, TrainingCommandOptions.SEARCH);
        TrainingJobs.Settings s = TrainUnetSubcommand.settings(a);
        TextProgressBar bar = new TextProgressBar(err);
        SearchResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            r = TrainingJobs.search(
                    s,
                    a.get(TrainingCommandOptions.TRIALS),
                    a.get(TrainingCommandOptions.EXECUTIONS),
                    a.get(TrainingCommandOptions.SEARCH_INPUT_SIZE),
                    a.get(CommonOptions.OVERWRITE),
                    bar,
                    stop);
        }
        bar.finish();
        out.println(Reports.search(r));
        return Main.OK;
    }
}
