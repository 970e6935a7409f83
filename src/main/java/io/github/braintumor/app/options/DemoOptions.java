package io.github.braintumor.app.options;

import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;

/**
 * The table of {@code demo} (command line only): segment and classify one patient with the embedded models.
 *
 * <pre>{@code
 * OptionValues v = DemoOptions.TABLE.fromValues(key -> null);
 * v.get(DemoOptions.OUTPUT);   // "brain-tumor-demo"
 * }</pre>
 */
public final class DemoOptions {
    private DemoOptions() {}

    public static final Option<String> DATA = Option.folder("data")
            .help("a data folder or patient folder (first patient is used); default: generate a SYNTHETIC\n"
                    + "phantom patient (geometric shapes, not an MRI)")
            .cliOnly();

    public static final Option<String> OUTPUT = CommonOptions.OUTPUT
            .withDefault("brain-tumor-demo")
            .help("output folder (default brain-tumor-demo): masks/, results CSV, overlay PNG")
            .cliOnly();

    public static final Option<String> UNET = Option.folder("unet")
            .metavar("BUNDLE")
            .help("use this UNet bundle instead of the embedded one")
            .cliOnly();

    public static final Option<String> CLASSIFIER = Option.folder("classifier")
            .metavar("BUNDLE")
            .help("use this classifier bundle instead of the embedded one")
            .cliOnly();

    public static final OptionTable TABLE = OptionTable.of(
            DATA,
            OUTPUT,
            CommonOptions.OVERWRITE
                    .help("replace what an earlier 'demo' wrote into --output (without it such a folder is refused)")
                    .cliOnly(),
            UNET,
            CLASSIFIER);
}
