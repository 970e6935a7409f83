package io.github.braintumor.progress;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One progress report of a training run.
 *
 * @param epoch            1-based epoch
 * @param epochs           planned epochs
 * @param batch            1-based batch within the epoch (0 for an end-of-epoch report)
 * @param batches          batches per epoch
 * @param loss             running mean training loss of this epoch
 * @param validationMetric the validation metric, present only in end-of-epoch reports
 * @param eta              estimated time left for the whole run
 * @param message          human-readable summary
 */
public record TrainingProgress(int epoch, int epochs, int batch, int batches, double loss,
                               OptionalDouble validationMetric, Duration eta, String message) {

    /** @return whether this is an end-of-epoch report (carries the validation metric) */
    public boolean endOfEpoch() {
        return validationMetric.isPresent();
    }
}
