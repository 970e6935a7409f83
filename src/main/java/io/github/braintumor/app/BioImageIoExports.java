package io.github.braintumor.app;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.InterchangeOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.bioimageio.BioImageIoExport;
import io.github.braintumor.bioimageio.ExportMetadata;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The export every front end (CLI, SciJava command, ImageJ 1 plugin) makes: the model is a bundle folder, or
 * {@code default} / empty for the embedded UNet (its card and authors included); authors are one text, separated
 * by semicolons; empty texts mean "from the bundle".
 *
 * <pre>{@code
 * String summary = BioImageIoExports.export("default", Path.of("unet-bioimageio"), "", "", "", false).summary();
 * }</pre>
 */
public final class BioImageIoExports {
    /** The model parameter that names the embedded default UNet. */
    public static final String DEFAULT = "default";

    private BioImageIoExports() {}

    /** True for {@code default} or an empty model parameter. */
    public static boolean isDefault(String model) {
        return ModelChoice.isDefault(model) || DEFAULT.equalsIgnoreCase(model.trim());
    }

    /**
     * @param model a unet bundle folder, or {@code default} / empty for the embedded UNet
     * @param name, authors, license  overrides; null or blank: from the bundle
     */
    public static BioImageIoExport.Result export(
            String model, Path out, String name, String authors, String license, boolean overwrite)
            throws BundleException, OutputRefusedException, IOException {
        BioImageIoExport.Builder b = BioImageIoExport.builder().setOut(out).optOverwrite(overwrite);
        if (isDefault(model)) {
            try (ModelBundle embedded = EmbeddedModels.load(ModelKind.UNET)) {
                b.setBundle(embedded.directory());
            }
            ModelCards.card(ModelKind.UNET).ifPresent(b::optCard);
            b.optAuthors(List.of(ExportMetadata.PLUGIN_AUTHORS));
        } else {
            b.setBundle(ModelChoice.existing(model));
        }
        if (!blank(name)) b.optName(name.trim());
        if (!blank(authors)) {
            b.optAuthors(Arrays.stream(authors.split(";"))
                    .map(String::trim)
                    .filter(a -> !a.isEmpty())
                    .toList());
        }
        if (!blank(license)) b.optLicense(license.trim());
        return b.run();
    }

    /** The export of one run of {@link InterchangeOptions#EXPORT_BIOIMAGEIO}'s values, whichever front end read them. */
    public static BioImageIoExport.Result export(OptionValues v)
            throws BundleException, OutputRefusedException, IOException {
        String out = v.get(CommonOptions.OUTPUT);
        if (blank(out)) throw new IllegalArgumentException("no output folder given: the folder to write");
        return export(
                v.get(InterchangeOptions.BUNDLE_TO_EXPORT),
                Path.of(out.trim()),
                v.get(InterchangeOptions.NAME),
                v.get(InterchangeOptions.AUTHORS),
                v.get(InterchangeOptions.LICENSE),
                v.get(CommonOptions.OVERWRITE));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
