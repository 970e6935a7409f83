package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.EvaluateModels;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.fiji.IjProgress;

/**
 * ImageJ 1 "Evaluate Tumor Models" (same macro keys as {@link io.github.braintumor.fiji.command.EvaluateModelsCommand});
 * Esc stops between patients and nothing is written. Check boxes take ImageJ's bare word ({@code lcc}) or the
 * SciJava form ({@code lcc=true}). Macro:
 * {@code run("Evaluate Tumor Models", "data=[/d/kaggle_3m] output=[/d/eval] unet=[/m/unet] classifier=[] threshold=-1 lcc tta=false minarea=20 patients=[] predictions=[] writethreshold=false");}
 */
public class EvaluateModelsPlugin implements PlugIn {
    static final String TITLE = EvaluateModels.LABEL;
    private static final String[] CHECKBOXES = {"lcc", "tta", "writethreshold", "overwrite"};

    @Override
    public void run(String arg) {
        Ij1.acceptBooleanValues(CHECKBOXES);
        // String fields for paths: Fiji's headless dialog ignores directory fields.
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addStringField("data folder with ground truth (kaggle_3m or patient folders)", "", 40);
        gd.addStringField("output folder", "", 40);
        gd.addStringField("unet bundle folder (empty = none)", "", 40);
        gd.addStringField("classifier bundle folder (empty = none)", "", 40);
        gd.addNumericField("threshold (-1 = the model's)", -1, 2);
        gd.addCheckbox("lcc (keep the largest 3-D tumour region)", false);
        gd.addCheckbox("tta (test-time augmentation, mirror)", false);
        gd.addNumericField("minarea (minimum tumour area per slice, pixels, 0 = off)", 0, 0);
        gd.addStringField("patients (ids separated by commas, or a list file; empty = all)", "", 40);
        gd.addStringField("predictions (predicted masks folder instead of a UNet; empty = none)", "", 40);
        gd.addCheckbox("writethreshold (write the best threshold into the UNet bundle)", false);
        gd.addStringField("modalities (e.g. as-is,flair-only,no-post,no-pre; empty = none)", "", 40);
        gd.addStringField("brightness (factors, e.g. 0.4,1.6; empty = none)", "", 40);
        gd.addStringField("storage (e.g. 8bit,16bit-linear,16bit-gamma,512,half-rows; empty = none)", "", 40);
        gd.addCheckbox("overwrite (replace an earlier evaluation in the output folder)", false);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        EvaluationRequest request = EvaluateModels.request(
                        gd.getNextString(),
                        gd.getNextString(),
                        gd.getNextString(),
                        gd.getNextString(),
                        gd.getNextNumber(),
                        gd.getNextBoolean(),
                        gd.getNextBoolean(),
                        (int) gd.getNextNumber(),
                        gd.getNextString(),
                        gd.getNextString(),
                        gd.getNextBoolean(),
                        gd.getNextString(),
                        gd.getNextString(),
                        gd.getNextString())
                .toBuilder()
                .optOverwrite(gd.getNextBoolean())
                .build();
        Ij1.guarded(TITLE, () -> {
            IjProgress progress = new IjProgress();
            EvaluationResult result = request.run(progress, progress.escapePressed());
            progress.done();
            IJ.log(EvaluateModels.summary(result));
        });
    }
}
