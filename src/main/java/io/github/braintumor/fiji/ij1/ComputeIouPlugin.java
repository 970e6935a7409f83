package io.github.braintumor.fiji.ij1;

import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.fiji.ComputeIou;
import io.github.braintumor.fiji.ResultTables;

/** ImageJ 1 "Compute IoU". Macro: {@code run("Compute IoU", "prediction=a-mask truth=[a truth]");} */
public class ComputeIouPlugin implements PlugIn {
    static final String TITLE = "Compute IoU";

    @Override
    public void run(String arg) {
        Ij1.acceptBooleanValues("results");
        String[] titles = WindowManager.getImageTitles();
        if (titles.length < 2) {
            Ij1.guarded(TITLE, () -> {
                throw new IllegalArgumentException("Open two mask images first: the prediction and the ground truth.");
            });
            return;
        }
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addChoice("prediction (mask)", titles, titles[0]);
        gd.addChoice("truth (mask)", titles, titles[1]);
        gd.addCheckbox("results (also in the Results table)", false);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String prediction = gd.getNextChoice();
        String truth = gd.getNextChoice();
        boolean results = gd.getNextBoolean();
        Ij1.guarded(TITLE, () -> {
            ComputeIou.Tables t = ComputeIou.run(WindowManager.getImage(prediction), WindowManager.getImage(truth));
            Ij1.show(t.slices(), ResultTables.IOU);
            Ij1.show(t.summary(), ResultTables.IOU_SUMMARY);
            if (results) ResultTables.toResults(t.slices());
        });
    }
}
