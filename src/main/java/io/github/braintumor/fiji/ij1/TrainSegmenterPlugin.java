package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.LearningCurvePlot;

/**
 * ImageJ 1 "Train Tumor Segmenter (UNet)"; Esc stops after the current batch and keeps the best model. Macro:
 * {@code run("Train Tumor Segmenter (UNet)", "data=[/d] output=[/m/unet] features=4 epochs=1 batchsize=2 learningrate=0.001 crop=64 seed=1 samples=8");}
 */
public class TrainSegmenterPlugin implements PlugIn {
    static final String TITLE = "Train Tumor Segmenter (UNet)";

    @Override
    public void run(String arg) {
        Ij1.acceptBooleanValues("overwrite");
        GenericDialog gd = TrainingDialog.open(TITLE, "output model folder", 10, true);
        gd.addNumericField("features", 16, 0);
        gd.addNumericField("crop size (0 = whole slices)", 128, 0);
        TrainingDialog.addOverwrite(gd);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        TrainingJobs.Settings common = TrainingDialog.read(gd, true);
        int features = (int) gd.getNextNumber();
        TrainingJobs.Settings s = common.withCropSize((int) gd.getNextNumber()).withOverwrite(gd.getNextBoolean());
        Ij1.guarded(TITLE, () -> {
            IjProgress progress =
                    new IjProgress().optEpochHook(new LearningCurvePlot("Learning curve: UNet", "val Dice"));
            String line = Reports.training(TrainingJobs.segmenter(s, features, progress, progress.escapePressed()));
            progress.done();
            IJ.log(TITLE + ": " + line);
        });
    }
}
