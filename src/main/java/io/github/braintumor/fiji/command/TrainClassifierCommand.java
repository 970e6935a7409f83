package io.github.braintumor.fiji.command;

import io.github.braintumor.app.Reports;
import io.github.braintumor.app.TrainingJobs;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.fiji.LearningCurvePlot;
import io.github.braintumor.fiji.TaskProgress;
import io.github.braintumor.train.TrainingResult;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Train Tumor Classifier. Macro:
 * {@code run("Train Tumor Classifier", "data=/d/kaggle_3m output=/m/cnn epochs=10 batchsize=8 learningrate=0.001 seed=42 samples=0");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Train Tumor Classifier")
public class TrainClassifierCommand extends TrainingCommand {
    private TrainingResult result;

    @Override
    protected String label() {
        return "Train Tumor Classifier";
    }

    @Override
    public OptionTable options() {
        return TrainingCommandOptions.CLASSIFIER;
    }

    @Override
    protected void execute() throws Exception {
        TrainingJobs.Settings s = TrainingJobs.settings(values());
        try (TaskProgress p = progress().optEpochHook(new LearningCurvePlot("Learning curve: classifier", "val AUC"))) {
            result = TrainingJobs.classifier(s, p, this::isCanceled);
        }
        if (log != null) log.info(Reports.training(result));
    }

    public TrainingResult result() {
        return result;
    }
}
