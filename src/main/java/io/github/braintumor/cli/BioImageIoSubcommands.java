package io.github.braintumor.cli;

import io.github.braintumor.app.BioImageIoExports;
import io.github.braintumor.bioimageio.BioImageIoImport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code import-bioimageio} and {@code export-bioimageio}: bioimage.io model packages in and out. */
final class BioImageIoSubcommands {
    private BioImageIoSubcommands() {}

    /** {@code brain-tumor import-bioimageio PACKAGE --out BUNDLE}. */
    static final class Import implements Subcommand {
        @Override
        public String name() {
            return "import-bioimageio";
        }

        @Override
        public String summary() {
            return "make a model bundle from a bioimage.io model package (2-D, TorchScript weights)";
        }

        @Override
        public String usage() {
            return "import-bioimageio PACKAGE --out BUNDLE [--overwrite]\n"
                    + "  PACKAGE  the package folder, its rdf.yaml, or its .zip (format 0.4 or 0.5): one input with axes\n"
                    + "           bcyx and 3 channels, one output bcyx with 1 channel, TorchScript weights\n"
                    + "  --out    the bundle folder to write (absent or empty; a bundle written by this program only with\n"
                    + "           --overwrite, replaced once the import has passed its checks)\n"
                    + "Preprocessing becomes the bundle's normalisation (scale_linear, zero_mean_unit_variance,\n"
                    + "scale_range), postprocessing its sigmoid and threshold (sigmoid, binarize); the package's test\n"
                    + "tensors are run through the imported model and must agree. Anything else is refused with why.";
        }

        @Override
        public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
            Args a = Args.parse(argv, Set.of("out"), Set.of("overwrite"));
            a.expectPositional(1);
            Path source = a.existingPath(0, "PACKAGE");
            if (a.path("out") == null) throw new UsageException("--out BUNDLE is required: the bundle folder to write");
            out.println("imported "
                    + BioImageIoImport.run(source, a.path("out"), a.has("overwrite"))
                            .summary());
            return Main.OK;
        }
    }

    /** {@code brain-tumor export-bioimageio BUNDLE|default --out DIR [--name] [--authors] [--license SPDX]}. */
    static final class Export implements Subcommand {
        @Override
        public String name() {
            return "export-bioimageio";
        }

        @Override
        public String summary() {
            return "write a segmentation bundle's description in bioimage.io form (rdf.yaml, test tensors, cover)";
        }

        @Override
        public String usage() {
            return "export-bioimageio BUNDLE|default --out DIR [--name TEXT] [--authors \"A; B\"] [--license SPDX]"
                    + " [--overwrite]\n"
                    + "  BUNDLE     a unet bundle (from train-unet, import-torchscript or import-bioimageio), or default\n"
                    + "             for the embedded UNet\n"
                    + "  --out      folder to write: rdf.yaml, weights.pt (TorchScript), README.md (the model card),\n"
                    + "             cover.png, test_input.npy, test_output.npy (absent, empty, or written by this command)\n"
                    + "  --name, --authors (separated by ;), --license (SPDX, of the weights)\n"
                    + "             override what the bundle says: an imported model keeps its package's, a model\n"
                    + "             trained on the LGG data carries CC-BY-NC-SA-4.0 and Buda et al.'s citation\n"
                    + "  --overwrite  replace what an earlier export wrote into --out (other files there are kept)\n"
                    + "The package passes bioimage.io's own checks (bioimageio validate-format, bioimageio test):\n"
                    + "weights trained here are written as TorchScript from the same weights (docs/INTERCHANGE.md).";
        }

        @Override
        public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
            Args a = Args.parse(argv, Set.of("out", "license", "name", "authors"), Set.of("overwrite"));
            a.expectPositional(1);
            String model = a.positional().get(0);
            if (!BioImageIoExports.isDefault(model)) a.existingPath(0, "BUNDLE");
            if (a.path("out") == null) throw new UsageException("--out DIR is required: the folder to write");
            out.println(BioImageIoExports.export(
                            model,
                            a.path("out"),
                            a.get("name", null),
                            a.get("authors", null),
                            a.get("license", null),
                            a.has("overwrite"))
                    .summary());
            return Main.OK;
        }
    }
}
