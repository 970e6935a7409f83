package io.github.braintumor.eval;

import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.BundleFiles;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Stores a new default threshold in a bundle's {@code model.json} (e.g. the best threshold an evaluation found).
 * Only the threshold changes; the weights and their SHA-256 stay as they are. Done only when a user asks.
 *
 * <pre>{@code
 * BundleThreshold.write(Path.of("models/unet"), 0.35);
 * }</pre>
 */
public final class BundleThreshold {

    private BundleThreshold() {
    }

    /** @throws BundleException if the folder is not a bundle or the threshold is outside [0, 1] */
    public static ModelInfo write(Path bundle, double threshold) throws BundleException {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new BundleException("Threshold must be between 0 and 1, got " + threshold);
        }
        ModelInfo updated = ModelBundle.readInfo(bundle).toBuilder().optThreshold((float) threshold).build();
        try {
            BundleFiles.writeStringAtomically(bundle.resolve(ModelBundle.MODEL_JSON), updated.toJson());
        } catch (IOException e) {
            throw new BundleException("Cannot write " + bundle.resolve(ModelBundle.MODEL_JSON) + ": " + e.getMessage(), e);
        }
        return updated;
    }
}
