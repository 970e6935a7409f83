package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.LearningCurvePlot;
import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.TrainingJobs;
import java.nio.file.Paths;

/**
 * ImageJ 1 "Train Tumor Segmenter (UNet)"; Esc stops after the current batch and keeps the best model. Macro:
 * {@code run("Train Tumor Segmenter (UNet)", "data=[/d] output=[/m/unet] features=4 epochs=1 batchsize=2 learningrate=0.001 crop=64 seed=1 samples=8");}
 */
public class TrainSegmenterPlugin implements PlugIn {
    static final String TITLE = "Train Tumor Segmenter (UNet)";

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addStringField("data folder (kaggle_3m or patient folders)", "", 40);
        gd.addStringField("output model folder", "", 40);
        gd.addNumericField("features", 16, 0);
        gd.addNumericField("epochs", 10, 0);
        gd.addNumericField("batchsize", 8, 0);
        gd.addNumericField("learningrate", 1e-3, 5);
        gd.addNumericField("crop size (0 = whole slices)", 128, 0);
        gd.addNumericField("seed", 42, 0);
        gd.addNumericField("samples per epoch (0 = all)", 0, 0);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String data = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        int features = (int) gd.getNextNumber();
        int epochs = (int) gd.getNextNumber();
        int batch = (int) gd.getNextNumber();
        double lr = gd.getNextNumber();
        int crop = (int) gd.getNextNumber();
        long seed = (long) gd.getNextNumber();
        int samples = (int) gd.getNextNumber();
        Ij1.guarded(TITLE, () -> {
            TrainingJobs.Settings s = new TrainingJobs.Settings(data.isEmpty() ? null : Paths.get(data),
                    output.isEmpty() ? null : Paths.get(output), epochs, batch, lr, crop, seed, samples);
            IjProgress progress = new IjProgress().optEpochHook(new LearningCurvePlot("Learning curve: UNet", "val Dice"));
            String line = Reports.training(TrainingJobs.segmenter(s, features, progress, progress.escapePressed()));
            progress.done();
            IJ.log(TITLE + ": " + line);
        });
    }
}
