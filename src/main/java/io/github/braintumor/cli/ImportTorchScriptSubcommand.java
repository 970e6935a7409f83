package io.github.braintumor.cli;

import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.model.ModelInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code brain-tumor import-torchscript MODEL.pt --out BUNDLE --kind unet|classifier [...]}: a TorchScript module
 * made into a model bundle that every other subcommand (and Fiji) takes with {@code --model BUNDLE}.
 */
final class ImportTorchScriptSubcommand implements Subcommand {
    @Override
    public String name() {
        return "import-torchscript";
    }

    @Override
    public String summary() {
        return "make a model bundle from a TorchScript module traced in PyTorch (then use it with --model)";
    }

    @Override
    public OptionTable options() {
        return InterchangeOptions.IMPORT_TORCHSCRIPT;
    }

    @Override
    public String usage() {
        return Args.usage(
                name(),
                options(),
                "The module is run once on a zero slice before the bundle is written; BUNDLE must be absent, empty\n"
                        + "or a bundle written by this program.");
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, InterchangeOptions.IMPORT_TORCHSCRIPT);
        Path pt = a.existingPath(InterchangeOptions.TORCHSCRIPT);
        Path bundle = a.path(InterchangeOptions.BUNDLE_TO_WRITE);
        ModelInfo info = TorchScriptImport.run(TorchScriptImport.Request.of(a.values()));
        out.println("imported " + pt + " as a " + TorchScriptImport.summary(info, bundle));
        return Main.OK;
    }
}
