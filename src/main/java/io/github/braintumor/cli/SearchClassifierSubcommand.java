package io.github.braintumor.cli;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.train.SearchResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

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
    public String usage() {
        return "search-classifier DATA --out DIR [--trials 10] [--executions 2] [--epochs 5] [--batch 8] [--seed 42] [--samples 0]\n"
                + "    [--input-size 64] [--split CSV] [--minutes M] [--val-patients K] [--threads T] [--no-augment]\n"
                + "    [--overwrite]\n"
                + "  DATA          kaggle_3m folder or a folder of patient folders (20% of patients validate)\n"
                + "  --input-size  side the slices are averaged down to for the search (64 keeps trials cheap)\n"
                + "  --split, --minutes, ...  as for train-unet (the time budget applies to each training)\n"
                + "  --out         output folder: trials.csv (best first) and best/ (the best trial retrained)\n"
                + "  --trials      hyperparameter draws; --executions: trainings per draw; --epochs: per training\n"
                + "  --samples     slices per epoch, 0 = all training slices\n"
                + "  --overwrite   replace what an earlier search wrote into --out (without it such a folder is refused)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(
                argv,
                TrainUnetSubcommand.union(TrainUnetSubcommand.COMMON, Set.of("trials", "executions", "input-size")),
                TrainUnetSubcommand.union(TrainUnetSubcommand.FLAGS, Set.of("overwrite")));
        TrainingJobs.Settings s = TrainUnetSubcommand.settings(a, 0, 5);
        TextProgressBar bar = new TextProgressBar(err);
        SearchResult r;
        try (StopOnSignal stop = StopOnSignal.install()) {
            r = TrainingJobs.search(
                    s,
                    a.getInt("trials", 10),
                    a.getInt("executions", 2),
                    a.getInt("input-size", TrainingJobs.DEFAULT_SEARCH_INPUT),
                    a.has("overwrite"),
                    bar,
                    stop);
        }
        bar.finish();
        out.println(Reports.search(r));
        return Main.OK;
    }
}
