package io.github.braintumor.cli;

import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.TrainingJobs;
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
                + "  DATA          kaggle_3m folder or a folder of patient folders (20% of patients validate)\n"
                + "  --out         output folder: trials.csv (best first) and best/ (the best trial retrained)\n"
                + "  --trials      hyperparameter draws; --executions: trainings per draw; --epochs: per training\n"
                + "  --samples     slices per epoch, 0 = all training slices";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("out", "trials", "executions", "epochs", "batch", "seed", "samples"), Set.of());
        a.expectPositional(1);
        java.nio.file.Path data = a.existingPath(0, "DATA");
        java.nio.file.Path dir = a.path("out");
        if (dir == null) throw new UsageException("--out DIR is required");
        Inputs.dataset(data);
        TrainingJobs.Settings s = new TrainingJobs.Settings(data, dir, a.getInt("epochs", 5), a.getInt("batch", 8), 1e-3,
                0, a.getLong("seed", 42), a.getInt("samples", 0));
        TextProgressBar bar = new TextProgressBar(err);
        SearchResult r = TrainingJobs.search(s, a.getInt("trials", 10), a.getInt("executions", 2), bar, () -> false);
        bar.finish();
        out.println(Reports.search(r));
        return Main.OK;
    }
}
