package io.github.braintumor.train;

import ai.djl.Model;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import java.io.IOException;
import java.util.List;

/**
 * A part of training that is not the loop itself, as DJL's {@code TrainingListener}: progress text
 * ({@link TrainingProgress}), the best bundle ({@link BestModelKeeper}), the "last" checkpoint
 * ({@link LastCheckpoint}), weight averaging ({@link WeightAverage}) and early stop ({@link EarlyStop}). Every method
 * does nothing by default, so a listener names only the moments it acts on. DJL's own interface is not used because
 * its events carry a DJL {@code Trainer} and metrics, while ours carry the validation and learning curve.
 */
interface TrainingListener {
    /** After one optimisation step. */
    record BatchEnd(int epoch, int batch, double meanLoss, double learningRate, double secondsIntoEpoch) {}

    /**
     * After an epoch is validated.
     *
     * @param trainLoss mean training loss of the epoch
     * @param learningRate the learning rate after its last step
     * @param curve the run's learning curve, this epoch included
     */
    record EpochEnd(
            int epoch,
            int optimizerSteps,
            Model model,
            TrainingTask.Validation validation,
            double trainLoss,
            double learningRate,
            double trainSeconds,
            double validationSeconds,
            LearningCurve curve) {
        /** @return the epoch's row of the learning curve */
        LearningCurve.Row row() {
            return new LearningCurve.Row(
                    epoch,
                    trainLoss,
                    validation.loss(),
                    validation.metric(),
                    learningRate,
                    trainSeconds + validationSeconds);
        }
    }

    /** Validates the model as it is now, for a listener that changes the weights at the end. */
    @FunctionalInterface
    interface Revalidation {
        /** @return the validation, null when canceled */
        TrainingTask.Validation validate() throws IOException;
    }

    /**
     * After the last epoch, or the stop, while the trainer is still open.
     *
     * @param canceled whether the caller canceled the run
     * @param curve the run's learning curve
     */
    record TrainingEnd(Model model, boolean canceled, LearningCurve curve, Revalidation validation) {}

    /** Once the trainer is initialized (and the optimizer state of a resumed run restored), before the first batch. */
    default void onTrainingBegin() {}

    default void onBatch(BatchEnd batch) {}

    default void onEpochEnd(EpochEnd epoch) throws IOException, BundleException {}

    /**
     * Asked once every listener has seen the epoch: this is how a listener stops training early.
     *
     * @return why training stops after this epoch, or null to go on
     */
    default String stopAfter(EpochEnd epoch) {
        return null;
    }

    default void onTrainingEnd(TrainingEnd end) throws IOException, BundleException {}

    /**
     * @return the listeners as one, each called in this order, so a later one sees what an earlier one decided;
     *     the first stop reason given wins
     */
    static TrainingListener inOrder(List<TrainingListener> listeners) {
        return new TrainingListener() {
            @Override
            public void onTrainingBegin() {
                listeners.forEach(TrainingListener::onTrainingBegin);
            }

            @Override
            public void onBatch(BatchEnd batch) {
                listeners.forEach(l -> l.onBatch(batch));
            }

            @Override
            public void onEpochEnd(EpochEnd epoch) throws IOException, BundleException {
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(epoch);
                }
            }

            @Override
            public String stopAfter(EpochEnd epoch) {
                for (TrainingListener l : listeners) {
                    String why = l.stopAfter(epoch);
                    if (why != null) return why;
                }
                return null;
            }

            @Override
            public void onTrainingEnd(TrainingEnd end) throws IOException, BundleException {
                for (TrainingListener l : listeners) {
                    l.onTrainingEnd(end);
                }
            }
        };
    }
}
