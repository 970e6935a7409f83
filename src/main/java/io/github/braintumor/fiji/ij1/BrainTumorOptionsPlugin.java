package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.fiji.PluginOptions;

/**
 * ImageJ 1 "Brain Tumor Options" (same keys and file as the SciJava command). Macro:
 * {@code run("Brain Tumor Options", "threads=0 device=auto batchsize=4 precision=auto");}
 */
public class BrainTumorOptionsPlugin implements PlugIn {
    static final String TITLE = "Brain Tumor Options";

    @Override
    public void run(String arg) {
        PluginOptions current = PluginOptions.load();
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addNumericField(
                "threads (0 = automatic: free cores, stacks every core; at most Memory & Threads)",
                current.threads(),
                0);
        gd.addChoice(
                "device (auto = a GPU when PyTorch can use one)",
                DeviceChoice.ids(),
                current.device().id());
        gd.addNumericField("batchsize (slices per inference pass)", current.batchSize(), 0);
        gd.addChoice(
                "precision (auto = bfloat16 where the CPU has native bf16)",
                Precision.ids(),
                current.precision().id());
        gd.showDialog();
        if (gd.wasCanceled()) return;
        int threads = (int) gd.getNextNumber();
        String device = gd.getNextChoice();
        int batch = (int) gd.getNextNumber();
        String precision = gd.getNextChoice();
        Ij1.guarded(TITLE, device, () -> {
            PluginOptions options =
                    new PluginOptions(threads, DeviceChoice.parse(device), batch, Precision.parse(precision));
            options.applyToEngine(null);
            String engine = DjlEngine.brief(); // starts the engine: a device it cannot use is refused before saving
            options.save();
            IJ.log(TITLE + ": " + options.describe() + " (" + PluginOptions.file() + "); " + engine);
        });
    }
}
