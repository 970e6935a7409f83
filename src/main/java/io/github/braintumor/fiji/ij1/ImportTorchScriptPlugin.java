package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.model.ModelInfo;
import java.nio.file.Path;

/**
 * ImageJ 1 "Import TorchScript Model" (same keys as the SciJava command). Macro:
 * {@code run("Import TorchScript Model", "torchscript=[/m/unet.pt] bundle=[/m/unet-bundle] kind=unet scores=logits inputsize=256 normalization=divide255 threshold=0.5");}
 */
public class ImportTorchScriptPlugin implements PlugIn {
    static final String TITLE = "Import TorchScript Model";
    /** What the dialog offers: the SciJava twin's options. */
    static final OptionTable OPTIONS = InterchangeOptions.IMPORT_TORCHSCRIPT;

    @Override
    public void run(String arg) {
        OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
        if (v == null) return;
        Ij1.guarded(TITLE, () -> {
            Path bundle = Path.of(v.get(InterchangeOptions.BUNDLE_TO_WRITE));
            ModelInfo info = TorchScriptImport.run(TorchScriptImport.Request.of(v));
            IJ.log(TITLE + ": " + TorchScriptImport.summary(info, bundle));
        });
    }
}
