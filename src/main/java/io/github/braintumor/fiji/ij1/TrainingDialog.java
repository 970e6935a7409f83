package io.github.braintumor.fiji.ij1;

import ij.gui.GenericDialog;
import io.github.braintumor.app.TrainingJobs;
import java.nio.file.Paths;

/**
 * The fields every ImageJ 1 training dialog shares, with the SciJava commands' macro keys (the first word of each
 * label): {@code data output epochs batchsize [learningrate] seed samples missingmodality}. A plugin adds its own fields after
 * {@link #open}, reads the shared ones with {@link #read} first, then its own, in the order added.
 */
final class TrainingDialog {
    private TrainingDialog() {}

    /** A dialog with the shared fields; {@code learningRate} false for commands that search the rate themselves. */
    static GenericDialog open(String title, String outputLabel, int epochs, boolean learningRate) {
        GenericDialog gd = new GenericDialog(title);
        gd.addStringField("data folder (kaggle_3m or patient folders)", "", 40);
        gd.addStringField(outputLabel, "", 40);
        gd.addNumericField("epochs", epochs, 0);
        gd.addNumericField("batchsize", io.github.braintumor.train.TrainingConfig.DEFAULT_BATCH_SIZE, 0);
        if (learningRate) gd.addNumericField("learningrate", 1e-3, 5);
        gd.addNumericField("seed", io.github.braintumor.train.TrainingConfig.DEFAULT_SEED, 0);
        gd.addNumericField("samples per epoch (0 = all)", 0, 0);
        gd.addNumericField(
                "missingmodality (share of slices shown FLAIR-only, no-post or no-pre)",
                io.github.braintumor.train.TrainingConfig.DEFAULT_MISSING_MODALITY,
                2);
        return gd;
    }

    /**
     * Adds the training commands' {@code overwrite} check box (read with {@code getNextBoolean} after the plugin's
     * own fields); a search has its own. The plugin calls {@code Ij1.acceptBooleanValues("overwrite")} before
     * {@link #open}, as a dialog takes the macro's options when it is made.
     */
    static void addOverwrite(GenericDialog gd) {
        gd.addCheckbox("overwrite (replace a trained model in the output folder)", false);
    }

    /**
     * The shared fields of a dialog made by {@link #open} (crop 0 = whole slices: set it with
     * {@code withCropSize}); blank paths stay null so the core names what is missing.
     */
    static TrainingJobs.Settings read(GenericDialog gd, boolean learningRate) {
        String data = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        int epochs = (int) gd.getNextNumber();
        int batch = (int) gd.getNextNumber();
        double lr = learningRate ? gd.getNextNumber() : 1e-3;
        long seed = (long) gd.getNextNumber();
        int samples = (int) gd.getNextNumber();
        double missingModality = gd.getNextNumber();
        return new TrainingJobs.Settings(
                        data.isEmpty() ? null : Paths.get(data),
                        output.isEmpty() ? null : Paths.get(output),
                        epochs,
                        batch,
                        lr,
                        0,
                        seed,
                        samples)
                .withMissingModality(missingModality);
    }
}
