package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.LearningCurvePlot;

/**
 * ImageJ 1 "Train Tumor Classifier"; Esc stops after the current batch and keeps the best model. Macro:
 * {@code run("Train Tumor Classifier", "data=[/d] output=[/m/cnn] epochs=10 batchsize=8 learningrate=0.001 seed=42 samples=0");}
 */
public class TrainClassifierPlugin implements PlugIn {
    static final String TITLE = "Train Tumor Classifier";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = TrainingCommandOptions.CLASSIFIER;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        Ij1.guarded(TITLE, () -> {
            TrainingJobs.Settings s = TrainingJobs.settings(v);
            IjProgress progress =
                    new IjProgress().optEpochHook(new LearningCurvePlot("Learning curve: classifier", "val AUC"));
            String line = Reports.training(TrainingJobs.classifier(s, progress, progress.escapePressed()));
            progress.done();
            IJ.log(TITLE + ": " + line);
        });
    }
}
