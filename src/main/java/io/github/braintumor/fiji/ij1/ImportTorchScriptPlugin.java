package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Path;

/**
 * ImageJ 1 "Import TorchScript Model" (same keys as the SciJava command). Macro:
 * {@code run("Import TorchScript Model", "torchscript=[/m/unet.pt] bundle=[/m/unet-bundle] kind=unet scores=logits inputsize=256 normalization=divide255 threshold=0.5");}
 */
public class ImportTorchScriptPlugin implements PlugIn {
    static final String TITLE = "Import TorchScript Model";

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog(TITLE);
        gd.addFileField("torchscript (.pt file)", "");
        gd.addDirectoryField("bundle folder to write", "");
        gd.addChoice("kind", new String[] {"unet", "classifier"}, "unet");
        gd.addChoice("scores (what the last layer gives)", TorchScriptImport.OUTPUTS, TorchScriptImport.OUTPUTS[0]);
        gd.addNumericField("inputsize (pixels it was made for)", 256, 0);
        gd.addChoice("normalization it expects", new String[] {"divide255", "percentile-zscore"}, "divide255");
        gd.addNumericField("threshold", 0.5, 2);
        gd.showDialog();
        if (gd.wasCanceled()) return;
        String pt = gd.getNextString();
        String bundle = gd.getNextString();
        String kind = gd.getNextChoice();
        String scores = gd.getNextChoice();
        int size = (int) gd.getNextNumber();
        String normalization = gd.getNextChoice();
        double threshold = gd.getNextNumber();
        Ij1.guarded(TITLE, () -> {
            ModelInfo info = TorchScriptImport.run(new TorchScriptImport.Request(
                    Path.of(pt), Path.of(bundle), ModelKind.fromId(kind), scores, size, normalization, (float)
                            threshold));
            IJ.log(TITLE + ": " + TorchScriptImport.summary(info, Path.of(bundle)));
        });
    }
}
