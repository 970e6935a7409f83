package io.github.braintumor.model;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place that rewrites an existing bundle's {@code model.json}: stores a new default threshold and/or the
 * recommended post-processing (e.g. what an evaluation on validation patients found best), without retraining.
 * Only the given entries change; the weights and their SHA-256 stay as they are, so the bundle still loads.
 * The file is replaced atomically. Done only when a user asks ({@code brain-tumor evaluate --write-threshold
 * --write-postprocessing}).
 *
 * <pre>{@code
 * BundleSettings.write(Path.of("models/unet"), 0.35, new PostProcessingSettings(true, true, 20));
 * BundleSettings.write(Path.of("models/unet"), null, PostProcessingSettings.OFF); // threshold kept, pp removed
 * }</pre>
 */
public final class BundleSettings {

    private BundleSettings() {}

    /**
     * Checks, before a long run whose result is written back, that {@code bundle}'s model.json can be replaced:
     * the file and its folder are writable (the atomic rewrite needs both).
     *
     * @throws BundleException naming what is read-only
     */
    public static void checkWritable(Path bundle) throws BundleException {
        Path json = bundle.resolve(ModelBundle.MODEL_JSON);
        if (!Files.isWritable(bundle) || !Files.isWritable(json)) {
            throw new BundleException("Cannot write the result back into " + json + ": it (or its folder) is"
                    + " read-only; copy the bundle somewhere writable, or leave out --write-threshold and"
                    + " --write-postprocessing");
        }
    }

    /**
     * @param bundle         bundle folder (model.json + weights)
     * @param threshold      new default probability threshold in [0, 1], or null to keep the current one
     * @param postprocessing new recommended post-processing, or null to keep the current one
     *                       ({@link PostProcessingSettings#OFF} removes the entry)
     * @return the updated model description as written
     * @throws BundleException if the folder is not a bundle, the threshold is outside [0, 1], post-processing is
     *                         given for a model that is not a UNet, or model.json cannot be written
     */
    public static ModelInfo write(Path bundle, Double threshold, PostProcessingSettings postprocessing)
            throws BundleException {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new BundleException("Threshold must be between 0 and 1, got " + threshold);
        }
        ModelInfo current = ModelBundle.readInfo(bundle);
        if (postprocessing != null && current.modelKind() != ModelKind.UNET) {
            throw new BundleException(bundle.resolve(ModelBundle.MODEL_JSON) + " describes a " + current.kind()
                    + "; post-processing applies to UNet bundles only");
        }
        ModelInfo.Builder b = current.toBuilder();
        if (threshold != null) b.optThreshold(threshold.floatValue());
        if (postprocessing != null) b.optPostProcessing(postprocessing);
        ModelInfo updated = b.build();
        Path json = bundle.resolve(ModelBundle.MODEL_JSON);
        try {
            AtomicFiles.writeString(json, updated.toJson());
        } catch (IOException e) {
            throw new BundleException("Cannot write " + json + ": " + e.getMessage(), e);
        }
        return updated;
    }
}
