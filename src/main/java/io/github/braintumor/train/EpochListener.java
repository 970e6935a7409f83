package io.github.braintumor.train;

import ai.djl.Model;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import java.io.IOException;

/**
 * A part of the training loop that acts once an epoch is validated, as DJL's {@code TrainingListener.onEpoch}:
 * keeping the best model ({@link BestModelKeeper}), writing the "last" checkpoint, collecting weights to average.
 * {@link TrainingLoop} calls them in order, so a later one sees what an earlier one decided.
 */
@FunctionalInterface
interface EpochListener {
    /** What an epoch hands to the listeners. */
    record EpochEnd(
            int epoch, int optimizerSteps, Model model, TrainingTask.Validation validation, LearningCurve curve) {}

    void onEpoch(EpochEnd end) throws IOException, BundleException;
}
