package io.github.braintumor.cli;

import io.github.braintumor.app.BioImageIoExports;
import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.bioimageio.BioImageIoImport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

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
        public OptionTable options() {
            return InterchangeOptions.IMPORT_BIOIMAGEIO;
        }

        @Override
        public String usage() {
            return Args.usage(
                    name(),
                    options(),
                    "Preprocessing becomes the bundle's normalisation (scale_linear, zero_mean_unit_variance,\n"
                            + "scale_range), postprocessing its sigmoid and threshold (sigmoid, binarize); the package's test\n"
                            + "tensors are run through the imported model and must agree. Anything else is refused with why.");
        }

        @Override
        public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
            Args a = Args.parse(argv, InterchangeOptions.IMPORT_BIOIMAGEIO);
            Path source = a.existingPath(InterchangeOptions.SOURCE);
            Path bundle = a.path(InterchangeOptions.BUNDLE_TO_WRITE);
            out.println("imported "
                    + BioImageIoImport.run(source, bundle, a.get(CommonOptions.OVERWRITE))
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
        public OptionTable options() {
            return InterchangeOptions.EXPORT_BIOIMAGEIO;
        }

        @Override
        public String usage() {
            return Args.usage(
                    name(),
                    options(),
                    "The package passes bioimage.io's own checks (bioimageio validate-format, bioimageio test):\n"
                            + "weights trained here are written as TorchScript from the same weights (docs/INTERCHANGE.md).");
        }

        @Override
        public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
            Args a = Args.parse(argv, InterchangeOptions.EXPORT_BIOIMAGEIO);
            String model = a.get(InterchangeOptions.BUNDLE_TO_EXPORT);
            if (model.isEmpty()) throw new UsageException("missing BUNDLE (a bundle folder, or default; see --help)");
            if (!BioImageIoExports.isDefault(model)) a.existingPath(InterchangeOptions.BUNDLE_TO_EXPORT);
            out.println(BioImageIoExports.export(a.values()).summary());
            return Main.OK;
        }
    }
}
