package io.github.braintumor.train;

import io.github.braintumor.model.LearningCurve;
import java.nio.file.Path;

/**
 * Outcome of a training run.
 *
 * @param bundle     the best model bundle, or null when no validation finished ("no model yet")
 * @param curve      the learning curve so far
 * @param bestEpoch  epoch of the best validation metric (0 when none)
 * @param bestMetric best validation metric (NaN when none)
 * @param canceled   whether the run stopped because the cancel supplier said so
 * @param message    summary, e.g. why it stopped
 */
public record TrainingResult(
        Path bundle, LearningCurve curve, int bestEpoch, double bestMetric, boolean canceled, String message) {

    /** @return whether a bundle was written */
    public boolean hasModel() {
        return bundle != null;
    }
}
