package io.github.braintumor.fiji.command;

import io.github.braintumor.fiji.LearningCurvePlot;
import io.github.braintumor.fiji.Reports;
import io.github.braintumor.fiji.TaskProgress;
import io.github.braintumor.fiji.TrainingJobs;
import io.github.braintumor.train.TrainingResult;
import java.io.File;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Train Tumor Classifier. Macro:
 * {@code run("Train Tumor Classifier", "data=/d/kaggle_3m output=/m/cnn epochs=10 batchsize=8 learningrate=0.001 seed=42 samples=0");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Train Tumor Classifier")
public class TrainClassifierCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder (kaggle_3m or patient folders)", style = "directory")
    private File data;

    @Parameter(label = "Output model folder", style = "directory")
    private File output;

    @Parameter(label = "Epochs", min = "1")
    private int epochs = 10;

    @Parameter(label = "Batch size", min = "1")
    private int batchsize = 8;

    @Parameter(label = "Learning rate")
    private double learningrate = 1e-3;

    @Parameter(label = "Random seed")
    private long seed = 42;

    @Parameter(label = "Samples per epoch (0 = all)", min = "0")
    private int samples = 0;

    private TrainingResult result;

    @Override
    protected String label() {
        return "Train Tumor Classifier";
    }

    @Override
    protected void execute() throws Exception {
        TrainingJobs.Settings s = new TrainingJobs.Settings(data == null ? null : data.toPath(),
                output == null ? null : output.toPath(), epochs, batchsize, learningrate, 0, seed, samples);
        try (TaskProgress p = progress().optEpochHook(new LearningCurvePlot("Learning curve: classifier", "val AUC"))) {
            result = TrainingJobs.classifier(s, p, this::isCanceled);
        }
        if (log != null) log.info(Reports.training(result));
    }

    public TrainingResult result() {
        return result;
    }
}
