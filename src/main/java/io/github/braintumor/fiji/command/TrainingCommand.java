package io.github.braintumor.fiji.command;

import io.github.braintumor.app.options.TrainingCommandOptions;
import java.io.File;
import org.scijava.plugin.Parameter;

/**
 * The parameters both training commands share (macro keys {@code data output epochs batchsize learningrate seed
 * samples missingmodality overwrite}, as in {@link TrainingCommandOptions#COMMON}); a subclass adds its own and reads
 * them all with {@code values(table)}.
 */
public abstract class TrainingCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder (kaggle_3m or patient folders)", style = "directory")
    private File data;

    @Parameter(label = "Output model folder", style = "directory")
    private File output;

    @Parameter(label = "Epochs", min = "1")
    private int epochs = TrainingCommandOptions.EPOCHS.defaultValue();

    @Parameter(label = "Batch size", min = "1")
    private int batchsize = TrainingCommandOptions.BATCH_SIZE.defaultValue();

    @Parameter(label = "Learning rate")
    private double learningrate = TrainingCommandOptions.LEARNING_RATE.defaultValue();

    @Parameter(label = "Random seed")
    private long seed = TrainingCommandOptions.SEED.defaultValue();

    @Parameter(label = "Samples per epoch (0 = all)", min = "0")
    private int samples = 0;

    @Parameter(
            label = "Share of slices shown with a missing modality (FLAIR-only, no-post, no-pre)",
            min = "0",
            max = "1",
            stepSize = "0.05")
    private double missingmodality = TrainingCommandOptions.MISSING_MODALITY.defaultValue();

    @Parameter(label = "Replace a trained model in the output folder")
    private boolean overwrite = false;
}
