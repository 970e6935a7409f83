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
 * ImageJ 1 "Train Tumor Segmenter (UNet)"; Esc stops after the current batch and keeps the best model. Macro:
 * {@code run("Train Tumor Segmenter (UNet)", "data=[/d] output=[/m/unet] features=4 epochs=1 batchsize=2 learningrate=0.001 crop=64 seed=1 samples=8");}
 */
public class TrainSegmenterPlugin implements PlugIn {
    static final String TITLE = "Train Tumor Segmenter (UNet)";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = TrainingCommandOptions.UNET;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        Ij1.guarded(TITLE, () -> {
            TrainingJobs.Settings s = TrainingJobs.settings(v);
            IjProgress progress =
                    new IjProgress().optEpochHook(new LearningCurvePlot("Learning curve: UNet", "val Dice"));
            String line = Reports.training(TrainingJobs.segmenter(
                    s, v.get(TrainingCommandOptions.FEATURES), progress, progress.escapePressed()));
            progress.done();
            IJ.log(TITLE + ": " + line);
        });
    }
}
