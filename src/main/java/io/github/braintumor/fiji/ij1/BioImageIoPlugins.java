package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.braintumor.app.BioImageIoExports;
import io.github.braintumor.bioimageio.BioImageIoImport;
import java.nio.file.Path;

/** ImageJ 1 twins of the bioimage.io commands (same labels and keys). */
public final class BioImageIoPlugins {
    private BioImageIoPlugins() {}

    /** {@code run("Import bioimage.io Model", "source=[/m/model.zip] bundle=[/m/imported]");} */
    public static class Import implements PlugIn {
        static final String TITLE = "Import bioimage.io Model";

        @Override
        public void run(String arg) {
            GenericDialog gd = new GenericDialog(TITLE);
            gd.addFileField("source package (.zip, folder or rdf.yaml)", "");
            gd.addDirectoryField("bundle folder to write", "");
            gd.showDialog();
            if (gd.wasCanceled()) return;
            String pkg = gd.getNextString();
            String bundle = gd.getNextString();
            Ij1.guarded(
                    TITLE,
                    () -> IJ.log(TITLE + ": "
                            + BioImageIoImport.run(Path.of(pkg), Path.of(bundle))
                                    .summary()));
        }
    }

    /** {@code run("Export bioimage.io Model", "bundle=[/m/unet] output=[/m/unet-bioimageio] license=CC-BY-NC-SA-4.0");} */
    public static class Export implements PlugIn {
        static final String TITLE = "Export bioimage.io Model";

        @Override
        public void run(String arg) {
            Ij1.acceptBooleanValues("overwrite");
            GenericDialog gd = new GenericDialog(TITLE);
            gd.addDirectoryField("bundle (unet; default = the embedded UNet)", BioImageIoExports.DEFAULT);
            gd.addDirectoryField("output folder to write", "");
            gd.addStringField("name (empty = the bundle's)", "", 30);
            gd.addStringField("authors (separated by ; empty = the bundle's)", "", 30);
            gd.addStringField("license of the weights (SPDX; empty = the bundle's or its training data's)", "", 20);
            gd.addCheckbox("overwrite (replace an earlier export in the folder)", false);
            gd.showDialog();
            if (gd.wasCanceled()) return;
            String bundle = gd.getNextString();
            String out = gd.getNextString();
            String name = gd.getNextString();
            String authors = gd.getNextString();
            String license = gd.getNextString();
            boolean overwrite = gd.getNextBoolean();
            Ij1.guarded(
                    TITLE,
                    () -> IJ.log(TITLE + ": "
                            + BioImageIoExports.export(bundle, Path.of(out), name, authors, license, overwrite)
                                    .summary()));
        }
    }
}
