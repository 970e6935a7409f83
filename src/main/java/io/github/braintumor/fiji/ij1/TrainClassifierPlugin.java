package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.LearningCurvePlot;

/**
 * ImageJ 1 "Train Tumor Classifier"; Esc stops after the current batch and keeps the best model. Macro:
 * {@code run("Train Tumor Classifier", "data=[/d] output=[/m/cnn] epochs=10 batchsize=8 learningrate=0.001 seed=42 samples=0");}
 */
public class TrainClassifierPlugin implements PlugIn {
    static final String TITLE = "Train Tumor Classifier";

    @Override
    public void run(String arg) {
        Ij1.acceptBooleanValues("overwrite");
        GenericDialog gd = TrainingDialog.open(TITLE, "output model folder", 10, true);
        TrainingDialog.addOverwrite(gd);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        TrainingJobs.Settings s = TrainingDialog.read(gd, true).withOverwrite(gd.getNextBoolean());
        Ij1.guarded(TITLE, () -> {
            IjProgress progress =
                    new IjProgress().optEpochHook(new LearningCurvePlot("Learning curve: classifier", "val AUC"));
            String line = Reports.training(TrainingJobs.classifier(s, progress, progress.escapePressed()));
            progress.done();
            IJ.log(TITLE + ": " + line);
        });
    }
}
