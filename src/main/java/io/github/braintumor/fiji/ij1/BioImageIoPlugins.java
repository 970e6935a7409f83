package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import io.github.braintumor.app.BioImageIoExports;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.bioimageio.BioImageIoImport;
import java.nio.file.Path;

/** ImageJ 1 twins of the bioimage.io commands (same labels and keys). */
public final class BioImageIoPlugins {
    private BioImageIoPlugins() {}

    /** {@code run("Import bioimage.io Model", "source=[/m/model.zip] bundle=[/m/imported]");} */
    public static class Import implements PlugIn {
        static final String TITLE = "Import bioimage.io Model";
        static final OptionTable OPTIONS = InterchangeOptions.IMPORT_BIOIMAGEIO;

        @Override
        public void run(String arg) {
            OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
            if (v == null) return;
            Ij1.guarded(
                    TITLE,
                    () -> IJ.log(TITLE + ": "
                            + BioImageIoImport.run(
                                            Path.of(v.get(InterchangeOptions.SOURCE)),
                                            Path.of(v.get(InterchangeOptions.BUNDLE_TO_WRITE)))
                                    .summary()));
        }
    }

    /** {@code run("Export bioimage.io Model", "bundle=[/m/unet] output=[/m/unet-bioimageio] license=CC-BY-NC-SA-4.0");} */
    public static class Export implements PlugIn {
        static final String TITLE = "Export bioimage.io Model";
        static final OptionTable OPTIONS = InterchangeOptions.EXPORT_BIOIMAGEIO;

        @Override
        public void run(String arg) {
            OptionValues v = Ij1.ask(TITLE, new OptionDialog(TITLE, OPTIONS));
            if (v == null) return;
            Ij1.guarded(
                    TITLE,
                    () -> IJ.log(TITLE + ": " + BioImageIoExports.export(v).summary()));
        }
    }
}
