package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.PluginOptions;
import io.github.braintumor.fiji.ResultTables;
import io.github.braintumor.fiji.SegmentTumor;

/**
 * ImageJ 1 "Segment Tumor (UNet)" (same macro keys as the SciJava command). Macro:
 * {@code run("Segment Tumor (UNet)", "model=[/path/bundle] threshold=-1 probability outline batchsize=0 postprocessing=model output=mask device=options resample");}
 * {@code output=roi} puts one ROI per slice with tumour into the ROI Manager, {@code both} does that and makes the
 * mask, {@code label} makes a label image of the 3-D connected tumour regions. {@code resample=false} refuses slices
 * whose size is not the model's input instead of resampling them (a macro that leaves the key out resamples).
 */
public class SegmentTumorPlugin implements PlugIn {
    static final String TITLE = "Segment Tumor (UNet)";
    /** Macro key of the resampling check box (on unless a macro says {@code resample=false}). */
    static final String RESAMPLE = "resample";
    /** Its label; the first word is the macro key. */
    static final String RESAMPLE_LABEL = "resample slices of another size to the model's input (and back)";
    /** Macro key of the check box that also fills ImageJ's "Results" table; its label starts with the key. */
    static final String RESULTS = "results";

    static final String RESULTS_LABEL = "results (also in the Results table: nResults, getResult in macros)";

    @Override
    public void run(String arg) {
        Ij1.checkedUnlessSaid(RESAMPLE);
        Ij1.acceptBooleanValues("probability", "outline", RESAMPLE, RESULTS);
        ImagePlus imp = Ij1.currentImage(TITLE);
        if (imp == null) return;
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addDirectoryField("model folder (empty = embedded default)", "", 40);
        gd.addNumericField("threshold (-1 = model default)", -1, 2);
        gd.addCheckbox("probability map", false);
        gd.addCheckbox("outline overlay on the input", true);
        gd.addNumericField("batchsize (0 = as in Brain Tumor Options)", 0, 0);
        gd.addChoice(
                "postprocessing (model = as recorded in the bundle)",
                StackSegmentation.PostProcessingChoice.ids(),
                StackSegmentation.PostProcessingChoice.MODEL.id());
        gd.addChoice(
                "output (mask stack, ROI Manager, both, 3-D label image)",
                SegmentTumor.OUTPUTS,
                SegmentTumor.OUTPUTS[0]);
        gd.addCheckbox(RESAMPLE_LABEL, true);
        gd.addChoice(
                "device (options = as in Brain Tumor Options)",
                PluginOptions.commandDevices(),
                PluginOptions.FROM_OPTIONS);
        gd.addCheckbox(RESULTS_LABEL, false);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        SegmentTumor.Request request = new SegmentTumor.Request(
                imp,
                gd.getNextString(),
                gd.getNextNumber(),
                gd.getNextBoolean(),
                gd.getNextBoolean(),
                (int) gd.getNextNumber(),
                gd.getNextChoice(),
                gd.getNextChoice(),
                gd.getNextBoolean());
        String device = gd.getNextChoice();
        boolean results = gd.getNextBoolean();
        Ij1.guarded(TITLE, device, () -> {
            IjProgress progress = new IjProgress();
            SegmentTumor.Output out = SegmentTumor.run(request, progress, progress.escapePressed());
            progress.done();
            IJ.log(TITLE + ": " + out.postprocessing());
            Ij1.show(out.mask());
            Ij1.show(out.probability());
            Ij1.show(out.labels());
            Ij1.show(out.table(), ResultTables.SEGMENTATION);
            Ij1.show(out.volume(), ResultTables.VOLUME);
            if (results) ResultTables.toResults(out.table());
        });
    }
}
