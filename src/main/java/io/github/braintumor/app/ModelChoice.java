package io.github.braintumor.app;

import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Turns the "model" parameter of a command (a bundle folder, or empty for the embedded default) into a loaded bundle.
 *
 * <pre>{@code
 * try (ModelBundle unet = ModelChoice.load("", ModelKind.UNET)) { ... }
 * }</pre>
 */
public final class ModelChoice {
    private ModelChoice() {}

    /** True when the parameter asks for the model embedded in the plugin jar. */
    public static boolean isDefault(String path) {
        return path == null || path.isBlank();
    }

    /**
     * @throws BundleException the folder is missing or not a bundle of that kind, or no embedded default exists
     */
    public static ModelBundle load(String path, ModelKind kind) throws BundleException {
        if (isDefault(path)) return EmbeddedModels.load(kind);
        return ModelBundle.load(existing(path), kind);
    }

    /** @return the kind of model in a (non-default) bundle folder, read from its model.json */
    public static ModelKind kind(String path) throws BundleException {
        return ModelBundle.readInfo(existing(path)).modelKind();
    }

    /** @return the folder a non-default model parameter names; IllegalArgumentException (one line) when absent */
    static Path existing(String path) {
        Path dir = Paths.get(path.trim());
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(
                    "model not found: " + dir
                            + " (give a model bundle folder containing model.json, or leave it empty for the embedded default)");
        }
        return dir;
    }
}
