package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.IjProgress;
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
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = InferenceCommandOptions.SEGMENT;

    @Override
    public void run(String arg) {
        ImagePlus imp = Ij1.currentImage(TITLE);
        if (imp == null) return;
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        SegmentTumor.Request request = SegmentTumor.Request.of(imp, v);
        Ij1.guarded(TITLE, v.get(CommonOptions.DEVICE), () -> {
            IjProgress progress = new IjProgress();
            SegmentTumor.Output out = SegmentTumor.run(request, progress, progress.escapePressed());
            progress.done();
            IJ.log(TITLE + ": " + out.postprocessing());
            Ij1.show(out.mask());
            Ij1.show(out.probability());
            Ij1.show(out.labels());
            Ij1.show(out.table(), ResultTables.SEGMENTATION);
            Ij1.show(out.volume(), ResultTables.VOLUME);
            if (v.get(CommonOptions.RESULTS)) ResultTables.toResults(out.table());
        });
    }
}
