package io.github.braintumor.fiji.command;

import io.github.braintumor.app.TrainingJobs;
import java.io.File;
import org.scijava.plugin.Parameter;

/**
 * The parameters both training commands share (macro keys {@code data output epochs batchsize learningrate seed
 * samples missingmodality overwrite}); a subclass adds its own and turns them into {@link TrainingJobs.Settings} with {@link #settings}.
 */
public abstract class TrainingCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder (kaggle_3m or patient folders)", style = "directory")
    private File data;

    @Parameter(label = "Output model folder", style = "directory")
    private File output;

    @Parameter(label = "Epochs", min = "1")
    private int epochs = 10;

    @Parameter(label = "Batch size", min = "1")
    private int batchsize = io.github.braintumor.train.TrainingConfig.DEFAULT_BATCH_SIZE;

    @Parameter(label = "Learning rate")
    private double learningrate = 1e-3;

    @Parameter(label = "Random seed")
    private long seed = io.github.braintumor.train.TrainingConfig.DEFAULT_SEED;

    @Parameter(label = "Samples per epoch (0 = all)", min = "0")
    private int samples = 0;

    @Parameter(
            label = "Share of slices shown with a missing modality (FLAIR-only, no-post, no-pre)",
            min = "0",
            max = "1",
            stepSize = "0.05")
    private double missingmodality = io.github.braintumor.train.TrainingConfig.DEFAULT_MISSING_MODALITY;

    @Parameter(label = "Replace a trained model in the output folder")
    private boolean overwrite = false;

    /** The shared parameters as settings; {@code cropSize} 0 = whole slices. */
    protected TrainingJobs.Settings settings(int cropSize) {
        return new TrainingJobs.Settings(
                        data == null ? null : data.toPath(),
                        output == null ? null : output.toPath(),
                        epochs,
                        batchsize,
                        learningrate,
                        cropSize,
                        seed,
                        samples)
                .withMissingModality(missingmodality)
                .withOverwrite(overwrite);
    }
}
