package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.train.SearchResult;
import java.nio.file.Files;

/**
 * ImageJ 1 "Random Search Classifier"; Esc stops and keeps the finished trials. Macro:
 * {@code run("Random Search Classifier", "data=[/d] output=[/runs/search] trials=10 executions=2 epochs=5 batchsize=8 seed=42 samples=0");}
 */
public class RandomSearchClassifierPlugin implements PlugIn {
    static final String TITLE = "Random Search Classifier";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = TrainingCommandOptions.SEARCH;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        Ij1.guarded(TITLE, () -> {
            IjProgress progress = new IjProgress();
            SearchResult r = TrainingJobs.search(
                    TrainingJobs.settings(v),
                    v.get(TrainingCommandOptions.TRIALS),
                    v.get(TrainingCommandOptions.EXECUTIONS),
                    v.get(TrainingCommandOptions.SEARCH_INPUT_SIZE),
                    v.get(CommonOptions.OVERWRITE),
                    progress,
                    progress.escapePressed());
            progress.done();
            if (r.table() != null && Files.isRegularFile(r.table())) {
                CsvTable csv = CsvTable.read(r.table());
                Ij1.show(ResultTables.of(csv.columns(), csv.rows()), ResultTables.TRIALS);
            }
            IJ.log(TITLE + ": " + Reports.search(r));
        });
    }
}
