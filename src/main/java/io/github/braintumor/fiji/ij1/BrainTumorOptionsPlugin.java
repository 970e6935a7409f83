package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.options.PreferencesOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.fiji.PluginOptions;

/**
 * ImageJ 1 "Brain Tumor Options" (same keys and file as the SciJava command). Macro:
 * {@code run("Brain Tumor Options", "threads=0 device=auto batchsize=4 precision=auto");}
 */
public class BrainTumorOptionsPlugin implements PlugIn {
    static final String TITLE = "Brain Tumor Options";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = PreferencesOptions.TABLE;

    @Override
    public void run(String arg) {
        PluginOptions current = PluginOptions.load();
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS).startingFrom(current.values()::get));
        if (v == null) return;
        Ij1.guarded(TITLE, v.get(PreferencesOptions.DEVICE), () -> {
            PluginOptions options = PluginOptions.of(v);
            options.applyToEngine(null);
            String engine = DjlEngine.brief(); // starts the engine: a device it cannot use is refused before saving
            options.save();
            IJ.log(TITLE + ": " + options.describe() + " (" + PluginOptions.file() + "); " + engine);
        });
    }
}
