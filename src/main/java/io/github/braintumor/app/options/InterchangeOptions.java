package io.github.braintumor.app.options;

import static io.github.braintumor.app.options.CommonOptions.OUTPUT;
import static io.github.braintumor.app.options.CommonOptions.OVERWRITE;

import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.model.ModelKind;

/**
 * The tables of the commands that move models in and out: Export to bioimage.io ({@code export-bioimageio}),
 * Import from bioimage.io ({@code import-bioimageio}) and Import TorchScript ({@code import-torchscript}).
 *
 * <pre>{@code
 * OptionValues v = InterchangeOptions.IMPORT_TORCHSCRIPT.fromValues(Map.of("kind", "classifier")::get);
 * v.get(InterchangeOptions.INPUT_SIZE);   // 256
 * }</pre>
 */
public final class InterchangeOptions {
    private InterchangeOptions() {}

    /** The bundle a command writes: Fiji's {@code bundle} field, the command line's {@code --bundle} (or --out). */
    public static final Option<String> BUNDLE_TO_WRITE = Option.folder("bundle")
            .label("Bundle folder to write")
            .alias("out")
            .metavar("BUNDLE")
            .help("the bundle folder to write (absent or empty; a bundle written by this program only with\n"
                    + "--overwrite, replaced once the import has passed its checks)");

    public static final Option<String> SOURCE = Option.file("source")
            .label("Package (.zip, folder or rdf.yaml)")
            .positional("PACKAGE")
            .help("the package folder, its rdf.yaml, or its .zip (format 0.4 or 0.5): one input with axes\n"
                    + "bcyx and 3 channels, one output bcyx with 1 channel, TorchScript weights");

    public static final OptionTable IMPORT_BIOIMAGEIO = OptionTable.of(
            SOURCE,
            BUNDLE_TO_WRITE.required(),
            OVERWRITE.help("replace a bundle an earlier import wrote").cliOnly());

    public static final Option<String> BUNDLE_TO_EXPORT = Option.folder("bundle")
            .label("Model bundle (unet; empty = the embedded default UNet)")
            .positional("BUNDLE|default")
            .help("a unet bundle (from train-unet, import-torchscript or import-bioimageio), or default\n"
                    + "for the embedded UNet");

    public static final Option<String> NAME = Option.text("name", "")
            .label("Name (empty = the bundle's)")
            .help("the model's name (default: the bundle's)");

    public static final Option<String> AUTHORS = Option.text("authors", "")
            .label("Authors, separated by ; (empty = the bundle's)")
            .metavar("\"A; B\"")
            .help("authors, separated by ; (default: the bundle's)");

    public static final Option<String> LICENSE = Option.text("license", "")
            .label("Weights licence (SPDX; empty = the bundle's or its training data's)")
            .metavar("SPDX")
            .help("licence of the weights (default: an imported model keeps its package's, a model\n"
                    + "trained on the LGG data carries CC-BY-NC-SA-4.0 and Buda et al.'s citation)");

    public static final OptionTable EXPORT_BIOIMAGEIO = OptionTable.of(
            BUNDLE_TO_EXPORT,
            OUTPUT.label("Folder to write")
                    .help("folder to write: rdf.yaml, weights.pt (TorchScript), README.md (the model card),\n"
                            + "cover.png, test_input.npy, test_output.npy (absent, empty, or written by this command)")
                    .required(),
            NAME,
            AUTHORS,
            LICENSE,
            OVERWRITE
                    .label("Overwrite an earlier export in the folder")
                    .help("replace what an earlier export wrote into --output (other files there are kept)"));

    public static final Option<String> TORCHSCRIPT = Option.file("torchscript")
            .label("TorchScript file (.pt)")
            .positional("MODEL.pt")
            .help("saved by torch.jit.trace(model, example).save(...) or torch.jit.script");

    public static final Option<String> KIND = Option.choice(
                    "kind", ModelKind.UNET.id(), ModelKind.UNET.id(), ModelKind.CLASSIFIER.id())
            .label("Kind")
            .help("unet: (1, 3, S, S) -> (1, 1, S, S) per-pixel tumour score; classifier: one value\n"
                    + "(required on the command line)");

    public static final Option<String> SCORES = Option.choice(
                    "scores", TorchScriptImport.OUTPUTS[0], TorchScriptImport.OUTPUTS)
            .label("Last layer gives")
            .help("what the module's last layer gives (default logits: the plugin applies a sigmoid)");

    public static final Option<Integer> INPUT_SIZE = Option.integer("inputsize", 256)
            .range(16, 4096)
            .alias("input-size")
            .label("Input size it was made for (pixels)")
            .help("side S the module was made for; slices are resampled to it (default 256)");

    public static final Option<String> NORMALIZATION = Option.choice(
                    "normalization",
                    Normalization.DIVIDE_BY_255.id(),
                    Normalization.DIVIDE_BY_255.id(),
                    Normalization.PERCENTILE_ZSCORE.id())
            .label("Normalization it expects")
            .help("intensity scaling the module expects of the RGB (pre-contrast, FLAIR,\n"
                    + "post-contrast) slices (default divide255: 0..1)");

    /** The threshold recorded as an imported model's own. */
    public static final Option<Double> THRESHOLD = Option.number("threshold", 0.5)
            .range(0, 1)
            .label("Threshold")
            .metavar("T")
            .help("probability threshold recorded as the model's default (default 0.5)");

    public static final OptionTable IMPORT_TORCHSCRIPT = OptionTable.of(
            TORCHSCRIPT,
            BUNDLE_TO_WRITE.help("the bundle folder to write").required(),
            KIND.required(),
            SCORES,
            INPUT_SIZE,
            NORMALIZATION,
            THRESHOLD);
}
