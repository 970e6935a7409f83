package io.github.braintumor.fiji.ij1;

import ij.WindowManager;
import ij.plugin.PlugIn;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.ComputeIou;
import io.github.braintumor.fiji.ResultTables;

/** ImageJ 1 "Compute IoU". Macro: {@code run("Compute IoU", "prediction=a-mask truth=[a truth]");} */
public class ComputeIouPlugin implements PlugIn {
    static final String TITLE = "Compute IoU";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = InferenceCommandOptions.IOU;

    @Override
    public void run(String arg) {
        String[] titles = WindowManager.getImageTitles();
        if (titles.length < 2) {
            Ij1.guarded(TITLE, () -> {
                throw new IllegalArgumentException("Open two mask images first: the prediction and the ground truth.");
            });
            return;
        }
        OptionDialog d = new OptionDialog(TITLE, OPTIONS);
        // the images come first: ImageJ reads a dialog's choices in the order they were added
        d.dialog().addChoice("prediction (mask)", titles, titles[0]);
        d.dialog().addChoice("truth (mask)", titles, titles[1]);
        if (!d.show()) return;
        String prediction = d.dialog().getNextChoice();
        String truth = d.dialog().getNextChoice();
        OptionValues v = d.values();
        Ij1.guarded(TITLE, () -> {
            ComputeIou.Tables t = ComputeIou.run(WindowManager.getImage(prediction), WindowManager.getImage(truth));
            Ij1.show(t.slices(), ResultTables.IOU);
            Ij1.show(t.summary(), ResultTables.IOU_SUMMARY);
            if (v.get(CommonOptions.RESULTS)) ResultTables.toResults(t.slices());
        });
    }
}
