package io.github.braintumor.cli;

import io.github.braintumor.app.TorchScriptImport;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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
    public String usage() {
        return "import-torchscript MODEL.pt --out BUNDLE --kind unet|classifier [--scores logits|probabilities]\n"
                + "    [--input-size 256] [--normalization divide255|percentile-zscore] [--threshold 0.5]\n"
                + "  MODEL.pt         saved by torch.jit.trace(model, example).save(...) or torch.jit.script\n"
                + "  --kind           unet: (1, 3, S, S) -> (1, 1, S, S) per-pixel tumour score; classifier: one value\n"
                + "  --scores         what the module's last layer gives (default logits: the plugin applies a sigmoid)\n"
                + "  --input-size     side S the module was made for; slices are resampled to it (default 256)\n"
                + "  --normalization  intensity scaling the module expects of the RGB (pre-contrast, FLAIR,\n"
                + "                   post-contrast) slices (default divide255: 0..1)\n"
                + "  --threshold      probability threshold recorded as the model's default (default 0.5)\n"
                + "The module is run once on a zero slice before the bundle is written; BUNDLE must be absent, empty\n"
                + "or a bundle written by this program.";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a =
                Args.parse(argv, Set.of("out", "kind", "scores", "input-size", "normalization", "threshold"), Set.of());
        a.expectPositional(1);
        Path pt = a.existingPath(0, "MODEL.pt");
        if (a.path("out") == null) throw new UsageException("--out BUNDLE is required: the bundle folder to write");
        if (!a.has("kind")) throw new UsageException("--kind unet|classifier is required");
        ModelKind kind;
        try {
            kind = ModelKind.fromId(a.get("kind", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kind must be unet or classifier, got '" + a.get("kind", "") + "'");
        }
        ModelInfo info = TorchScriptImport.run(new TorchScriptImport.Request(
                pt,
                a.path("out"),
                kind,
                a.get("scores", TorchScriptImport.OUTPUTS[0]),
                a.getInt("input-size", 256),
                a.get("normalization", "divide255"),
                (float) a.getDouble("threshold", 0.5)));
        out.println("imported " + pt + " as a " + TorchScriptImport.summary(info, a.path("out")));
        return Main.OK;
    }
}
