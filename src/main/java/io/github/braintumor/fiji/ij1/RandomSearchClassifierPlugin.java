package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.fiji.TrainingJobs;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.train.SearchResult;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * ImageJ 1 "Random Search Classifier"; Esc stops and keeps the finished trials. Macro:
 * {@code run("Random Search Classifier", "data=[/d] output=[/runs/search] trials=10 executions=2 epochs=5 batchsize=8 seed=42 samples=0");}
 */
public class RandomSearchClassifierPlugin implements PlugIn {
    static final String TITLE = "Random Search Classifier";

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addStringField("data folder (kaggle_3m or patient folders)", "", 40);
        gd.addStringField("output folder", "", 40);
        gd.addNumericField("trials", 10, 0);
        gd.addNumericField("executions per trial", 2, 0);
        gd.addNumericField("epochs per execution", 5, 0);
        gd.addNumericField("batchsize", 8, 0);
        gd.addNumericField("seed", 42, 0);
        gd.addNumericField("samples per epoch (0 = all)", 0, 0);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String data = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        int trials = (int) gd.getNextNumber();
        int executions = (int) gd.getNextNumber();
        int epochs = (int) gd.getNextNumber();
        int batch = (int) gd.getNextNumber();
        long seed = (long) gd.getNextNumber();
        int samples = (int) gd.getNextNumber();
        Ij1.guarded(TITLE, () -> {
            TrainingJobs.Settings s = new TrainingJobs.Settings(data.isEmpty() ? null : Paths.get(data),
                    output.isEmpty() ? null : Paths.get(output), epochs, batch, 1e-3, 0, seed, samples);
            IjProgress progress = new IjProgress();
            SearchResult r = TrainingJobs.search(s, trials, executions, progress, progress.escapePressed());
            progress.done();
            if (r.table() != null && Files.isRegularFile(r.table())) {
                CsvTable csv = CsvTable.read(r.table());
                Ij1.show(ResultTables.of(csv.columns(), csv.rows()), ResultTables.TRIALS);
            }
            IJ.log(TITLE + ": " + Reports.search(r));
        });
    }
}
