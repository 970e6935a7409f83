package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
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

    @Override
    public void run(String arg) {
        Ij1.acceptBooleanValues("overwrite");
        GenericDialog gd = TrainingDialog.open(TITLE, "output folder", 5, false);
        gd.addNumericField("trials", 10, 0);
        gd.addNumericField("executions per trial", 2, 0);
        gd.addCheckbox("overwrite (replace an earlier search in the output folder)", false);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        TrainingJobs.Settings s = TrainingDialog.read(gd, false);
        int trials = (int) gd.getNextNumber();
        int executions = (int) gd.getNextNumber();
        boolean overwrite = gd.getNextBoolean();
        Ij1.guarded(TITLE, () -> {
            IjProgress progress = new IjProgress();
            SearchResult r = TrainingJobs.search(
                    s,
                    trials,
                    executions,
                    TrainingJobs.DEFAULT_SEARCH_INPUT,
                    overwrite,
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
