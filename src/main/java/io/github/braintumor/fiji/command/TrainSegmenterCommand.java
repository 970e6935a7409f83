package io.github.braintumor.fiji.command;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.LearningCurvePlot;
import io.github.braintumor.fiji.TaskProgress;
import io.github.braintumor.train.TrainingResult;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Train Tumor Segmenter (UNet). Macro:
 * {@code run("Train Tumor Segmenter (UNet)", "data=/d/kaggle_3m output=/m/unet features=16 epochs=10 batchsize=8 learningrate=0.001 crop=128 seed=42 samples=0");}
 * Cancel (task bar) stops after the current batch and keeps the best bundle so far.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Train Tumor Segmenter (UNet)")
public class TrainSegmenterCommand extends TrainingCommand {
    @Parameter(label = "Features (first level filters)", min = "1")
    private int features = TrainingCommandOptions.FEATURES.defaultValue();

    @Parameter(label = "Crop size (0 = whole slices)", min = "0")
    private int crop = TrainingCommandOptions.CROP.defaultValue();

    private TrainingResult result;

    @Override
    protected String label() {
        return "Train Tumor Segmenter (UNet)";
    }

    @Override
    public OptionTable options() {
        return TrainingCommandOptions.UNET;
    }

    @Override
    protected void execute() throws Exception {
        OptionValues v = values();
        TrainingJobs.Settings s = TrainingJobs.settings(v);
        try (TaskProgress p = progress().optEpochHook(new LearningCurvePlot("Learning curve: UNet", "val Dice"))) {
            result = TrainingJobs.segmenter(s, v.get(TrainingCommandOptions.FEATURES), p, this::isCanceled);
        }
        if (log != null) log.info(Reports.training(result));
    }

    public TrainingResult result() {
        return result;
    }
}
