package io.github.braintumor.fiji.command;

import io.github.braintumor.app.BioImageIoExports;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.bioimageio.BioImageIoImport;
import java.io.File;
import java.nio.file.Path;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** The bioimage.io commands of Plugins &gt; Brain Tumor: import a model package, export a bundle's description. */
public final class BioImageIoCommands {
    private BioImageIoCommands() {}

    /**
     * Plugins &gt; Brain Tumor &gt; Import bioimage.io Model. Macro:
     * {@code run("Import bioimage.io Model", "source=[/m/model.zip] bundle=[/m/imported]");}
     */
    @Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Import bioimage.io Model")
    public static class Import extends BrainTumorCommand {
        @Parameter(label = "Package (.zip, folder or rdf.yaml)", style = "open")
        private File source;

        @Parameter(label = "Bundle folder to write", style = "directory", persist = false)
        private File bundle;

        @Parameter(type = ItemIO.OUTPUT, label = "Imported")
        private String imported;

        private BioImageIoImport.Result result;

        @Override
        protected String label() {
            return "Import bioimage.io Model";
        }

        @Override
        public OptionTable options() {
            return InterchangeOptions.IMPORT_BIOIMAGEIO;
        }

        @Override
        protected void execute() throws Exception {
            if (source == null || bundle == null) {
                throw new IllegalArgumentException("give the package (source=) and the bundle folder (bundle=)");
            }
            OptionValues v = values();
            result = BioImageIoImport.run(
                    Path.of(v.get(InterchangeOptions.SOURCE)), Path.of(v.get(InterchangeOptions.BUNDLE_TO_WRITE)));
            imported = result.summary();
            if (log != null) log.info(label() + ": " + imported);
        }

        /** What the import wrote and checked. */
        public BioImageIoImport.Result result() {
            return result;
        }
    }

    /**
     * Plugins &gt; Brain Tumor &gt; Export bioimage.io Model. Macro:
     * {@code run("Export bioimage.io Model", "bundle=[/m/unet] output=[/m/unet-bioimageio] license=CC-BY-NC-SA-4.0");}
     */
    @Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Export bioimage.io Model")
    public static class Export extends BrainTumorCommand {
        @Parameter(
                label = "Model bundle (unet; empty = the embedded default UNet)",
                style = "directory",
                required = false)
        private File bundle;

        @Parameter(label = "Folder to write", style = "directory", persist = false)
        private File output;

        @Parameter(label = "Name (empty = the bundle's)", required = false, persist = false)
        private String name = "";

        @Parameter(label = "Authors, separated by ; (empty = the bundle's)", required = false)
        private String authors = "";

        @Parameter(label = "Weights licence (SPDX; empty = the bundle's or its training data's)", required = false)
        private String license = "";

        // not persisted: replacing an earlier export is asked for each time
        @Parameter(label = "Overwrite an earlier export in the folder", persist = false)
        private boolean overwrite = false;

        @Parameter(type = ItemIO.OUTPUT, label = "Exported")
        private String exported;

        @Override
        protected String label() {
            return "Export bioimage.io Model";
        }

        @Override
        public OptionTable options() {
            return InterchangeOptions.EXPORT_BIOIMAGEIO;
        }

        @Override
        protected void execute() throws Exception {
            if (output == null) throw new IllegalArgumentException("give the folder to write (output=)");
            exported = BioImageIoExports.export(values()).summary();
            if (log != null) log.info(label() + ": " + exported);
        }

        public String exported() {
            return exported;
        }
    }
}
