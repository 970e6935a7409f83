package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.EvaluateModels;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
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
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = EvaluateOptions.TABLE;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        Ij1.guarded(TITLE, () -> {
            EvaluationRequest request = EvaluateModels.request(v);
            IjProgress progress = new IjProgress();
            EvaluationResult result = request.run(progress, progress.escapePressed());
            progress.done();
            IJ.log(EvaluateModels.summary(result));
        });
    }
}
