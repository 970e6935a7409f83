package io.github.braintumor.fiji.command;

import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import java.io.File;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; Brain Tumor &gt; Import TorchScript Model: a module traced in PyTorch becomes a bundle for the
 * {@code model} key of every command. Macro:
 * {@code run("Import TorchScript Model", "torchscript=[/m/unet.pt] bundle=[/m/unet-bundle] kind=unet scores=logits inputsize=256 normalization=divide255 threshold=0.5");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Import TorchScript Model")
public class ImportTorchScriptCommand extends BrainTumorCommand {
    @Parameter(label = "TorchScript file (.pt)", style = "open")
    private File torchscript;

    @Parameter(label = "Bundle folder to write", style = "directory", persist = false)
    private File bundle;

    @Parameter(
            label = "Kind",
            choices = {"unet", "classifier"})
    private String kind = ModelKind.UNET.id();

    @Parameter(
            label = "Last layer gives",
            choices = {"logits", "probabilities"},
            description = "logits: the plugin applies a sigmoid")
    private String scores = TorchScriptImport.OUTPUTS[0];

    @Parameter(label = "Input size it was made for (pixels)", min = "16", max = "4096")
    private int inputsize = 256;

    @Parameter(
            label = "Normalization it expects",
            choices = {"divide255", "percentile-zscore"})
    private String normalization = "divide255";

    @Parameter(label = "Threshold", min = "0", max = "1", stepSize = "0.05")
    private double threshold = 0.5;

    /** The description written to the bundle's model.json. */
    @Parameter(type = ItemIO.OUTPUT, label = "Imported")
    private String imported;

    private ModelInfo info;

    @Override
    protected String label() {
        return "Import TorchScript Model";
    }

    @Override
    public OptionTable options() {
        return InterchangeOptions.IMPORT_TORCHSCRIPT;
    }

    @Override
    protected void execute() throws Exception {
        if (torchscript == null || bundle == null) {
            throw new IllegalArgumentException(
                    "give the TorchScript file (torchscript=) and the bundle folder (bundle=)");
        }
        info = TorchScriptImport.run(TorchScriptImport.Request.of(values()));
        imported = TorchScriptImport.summary(info, bundle.toPath());
        if (log != null) log.info(label() + ": " + imported);
    }

    /** The description written to model.json. */
    public ModelInfo info() {
        return info;
    }
}
