package io.github.braintumor.cli;

import io.github.braintumor.bioimageio.BioImageIoExport;
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

    /** {@code brain-tumor export-bioimageio BUNDLE --out DIR [--license SPDX]}. */
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
            return "export-bioimageio BUNDLE --out DIR [--license SPDX] [--overwrite]\n"
                    + "  BUNDLE     a unet bundle (e.g. from train-unet or import-torchscript)\n"
                    + "  --out      folder to write: rdf.yaml, README.md, cover.png, test_input.npy, test_output.npy and\n"
                    + "             the bundle's weights (absent, empty, or written by this command before)\n"
                    + "  --license  SPDX licence of the weights (default: the bundle's own, else CC-BY-NC-SA-4.0, the\n"
                    + "             LGG data's)\n"
                    + "  --overwrite  replace what an earlier export wrote into --out (other files there are kept)\n"
                    + "TorchScript weights make a package bioimage.io tools can run; DJL weights are attached, and the\n"
                    + "description is a machine-readable model card (Java cannot write TorchScript or PyTorch pickles).";
        }

        @Override
        public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
            Args a = Args.parse(argv, Set.of("out", "license"), Set.of("overwrite"));
            a.expectPositional(1);
            Path bundle = a.existingPath(0, "BUNDLE");
            if (a.path("out") == null) throw new UsageException("--out DIR is required: the folder to write");
            out.println(BioImageIoExport.run(bundle, a.path("out"), a.get("license", null), a.has("overwrite"))
                    .summary());
            return Main.OK;
        }
    }
}
