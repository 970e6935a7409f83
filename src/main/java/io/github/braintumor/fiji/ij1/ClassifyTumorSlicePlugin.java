package io.github.braintumor.fiji.ij1;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.fiji.ClassifyTumor;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.PluginOptions;
import io.github.braintumor.fiji.ResultTables;

/**
 * ImageJ 1 "Classify Tumor Slice". Macro: {@code run("Classify Tumor Slice", "method=auto model=[] threshold=-1 batchsize=0 overlay device=options resample");}
 * ({@code batchsize=0} and {@code device=options} follow Brain Tumor Options; {@code resample=false} refuses slices
 * whose size is not the model's input instead of resampling them)
 */
public class ClassifyTumorSlicePlugin implements PlugIn {
    static final String TITLE = "Classify Tumor Slice";

    @Override
    public void run(String arg) {
        Ij1.checkedUnlessSaid(SegmentTumorPlugin.RESAMPLE);
        Ij1.acceptBooleanValues("overlay", SegmentTumorPlugin.RESAMPLE, SegmentTumorPlugin.RESULTS);
        ImagePlus imp = Ij1.currentImage(TITLE);
        if (imp == null) return;
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addChoice("method", StackClassification.Method.ids(), StackClassification.Method.AUTO.id());
        gd.addDirectoryField("model folder (empty = embedded default)", "", 40);
        gd.addNumericField("threshold (-1 = model default)", -1, 2);
        gd.addNumericField("batchsize (0 = as in Brain Tumor Options)", 0, 0);
        gd.addCheckbox("overlay labels on the input", true);
        gd.addCheckbox(SegmentTumorPlugin.RESAMPLE_LABEL, true);
        gd.addChoice(
                "device (options = as in Brain Tumor Options)",
                PluginOptions.commandDevices(),
                PluginOptions.FROM_OPTIONS);
        gd.addCheckbox(SegmentTumorPlugin.RESULTS_LABEL, false);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        ClassifyTumor.Request request = new ClassifyTumor.Request(
                imp,
                gd.getNextChoice(),
                gd.getNextString(),
                gd.getNextNumber(),
                (int) gd.getNextNumber(),
                gd.getNextBoolean(),
                gd.getNextBoolean());
        String device = gd.getNextChoice();
        boolean results = gd.getNextBoolean();
        Ij1.guarded(TITLE, device, () -> {
            IjProgress progress = new IjProgress();
            ij.measure.ResultsTable table = ClassifyTumor.run(request, progress, progress.escapePressed());
            Ij1.show(table, ResultTables.CLASSIFICATION);
            if (results) ResultTables.toResults(table);
            progress.done();
        });
    }
}
