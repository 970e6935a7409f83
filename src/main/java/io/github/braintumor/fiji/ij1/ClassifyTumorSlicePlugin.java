package io.github.braintumor.fiji.ij1;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.ClassifyTumor;
import io.github.braintumor.fiji.IjProgress;
import io.github.braintumor.fiji.ResultTables;

/**
 * ImageJ 1 "Classify Tumor Slice". Macro: {@code run("Classify Tumor Slice", "method=auto model=[] threshold=-1 batchsize=0 overlay device=options resample");}
 * ({@code batchsize=0} and {@code device=options} follow Brain Tumor Options; {@code resample=false} refuses slices
 * whose size is not the model's input instead of resampling them)
 */
public class ClassifyTumorSlicePlugin implements PlugIn {
    static final String TITLE = "Classify Tumor Slice";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = InferenceCommandOptions.CLASSIFY;

    @Override
    public void run(String arg) {
        ImagePlus imp = Ij1.currentImage(TITLE);
        if (imp == null) return;
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        ClassifyTumor.Request request = ClassifyTumor.Request.of(imp, v);
        Ij1.guarded(TITLE, v.get(CommonOptions.DEVICE), () -> {
            IjProgress progress = new IjProgress();
            ResultsTable table = ClassifyTumor.run(request, progress, progress.escapePressed());
            Ij1.show(table, ResultTables.CLASSIFICATION);
            if (v.get(CommonOptions.RESULTS)) ResultTables.toResults(table);
            progress.done();
        });
    }
}
