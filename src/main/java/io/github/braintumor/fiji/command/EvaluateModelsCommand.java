package io.github.braintumor.fiji.command;

import io.github.braintumor.app.EvaluateModels;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.fiji.TaskProgress;
import java.io.File;
import java.util.concurrent.CancellationException;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Brain Tumor > Evaluate Tumor Models: the study's numbers per patient, hospital, slice position and
 * threshold, written with pictures and report.html into the output folder (see
 * {@link io.github.braintumor.eval.Evaluation}). Macro:
 * {@code run("Evaluate Tumor Models", "data=/d/kaggle_3m output=/d/eval unet=/m/unet classifier=/m/cls threshold=-1 lcc=true tta=false minarea=20 patients=[] predictions=[] writethreshold=false");}
 * Cancel (task bar) stops between patients; nothing is written then.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Evaluate Tumor Models")
public class EvaluateModelsCommand extends BrainTumorCommand {
    @Parameter(label = "Data folder with ground truth (kaggle_3m or patient folders)", style = "directory")
    private File data;

    @Parameter(label = "Output folder", style = "directory")
    private File output;

    @Parameter(label = "UNet bundle (empty = none)", style = "directory", required = false)
    private File unet;

    @Parameter(label = "Classifier bundle (empty = none)", style = "directory", required = false)
    private File classifier;

    @Parameter(label = "Threshold (-1 = the model's own)", min = "-1", max = "1")
    private double threshold = CommonOptions.THRESHOLD.defaultValue();

    @Parameter(label = "Keep largest 3-D tumour region")
    private boolean lcc = false;

    @Parameter(label = "Test-time augmentation (mirror)")
    private boolean tta = false;

    @Parameter(label = "Minimum tumour area per slice (pixels, 0 = off)", min = "0")
    private int minarea = 0;

    @Parameter(label = "Patients (ids separated by commas, or a list file; empty = all)", required = false)
    private String patients = "";

    @Parameter(label = "Predicted masks folder instead of a UNet (empty = none)", style = "directory", required = false)
    private File predictions;

    @Parameter(label = "Write the best threshold into the UNet bundle")
    private boolean writethreshold = false;

    @Parameter(label = "Write this post-processing into the UNet bundle (segment applies it by default)")
    private boolean writepostprocessing = false;

    // not persisted: replacing an earlier evaluation is asked for each time
    @Parameter(label = "Overwrite an earlier evaluation in the output folder", persist = false)
    private boolean overwrite = false;

    @Parameter(
            label = "Also simulate missing modalities (e.g. as-is,flair-only,no-post,no-pre; empty = none)",
            required = false)
    private String modalities = "";

    @Parameter(label = "Also scale brightness by (e.g. 0.4,1.6; empty = none)", required = false)
    private String brightness = "";

    @Parameter(
            label = "Also store the patients as (e.g. 8bit,16bit-linear,16bit-gamma,512,half-rows; empty = none)",
            required = false)
    private String storage = "";

    private EvaluationResult result;

    @Override
    protected String label() {
        return EvaluateModels.LABEL;
    }

    @Override
    public OptionTable options() {
        return EvaluateOptions.TABLE;
    }

    @Override
    protected void execute() throws Exception {
        EvaluationRequest request = EvaluateModels.request(values());
        try (TaskProgress p = progress()) {
            result = request.run(p, this::isCanceled);
        } catch (CancellationException e) {
            return; // the user asked for it; nothing was written
        }
        if (log != null) {
            log.info(EvaluateModels.summary(result));
        }
    }

    /** A dialog's empty file field means "none" (blank text). */
    private static String text(File f) {
        return f == null ? "" : f.getPath();
    }

    /** The evaluation's results (after a run). */
    public EvaluationResult result() {
        return result;
    }
}
