package io.github.braintumor.train;

import java.time.Duration;

/**
 * Time left in a run, estimated from the speed of the current epoch's batches so far and the duration of the last
 * validation (0 before the first: a run's first estimates leave validation out).
 */
final class TrainingEta {
    private final EpochPlan plan;
    private double secondsPerBatch = Double.NaN;
    private double validationSeconds;

    TrainingEta(EpochPlan plan) {
        this.plan = plan;
    }

    /** @return the time left after batch {@code batch} of {@code epoch}, {@code seconds} into the epoch */
    Duration afterBatch(int epoch, int batch, double seconds) {
        secondsPerBatch = seconds / batch;
        double left = secondsPerBatch * ((plan.batches() - batch) + (long) plan.batches() * (plan.epochs() - epoch))
                + validationSeconds * (plan.epochs() - epoch + 1);
        return Duration.ofSeconds((long) left);
    }

    /** @return the time left after {@code epoch}, whose validation took {@code seconds} */
    Duration afterEpoch(int epoch, double seconds) {
        validationSeconds = seconds;
        double left = secondsPerBatch * plan.batches() * (plan.epochs() - epoch)
                + validationSeconds * (plan.epochs() - epoch);
        return Duration.ofSeconds((long) left);
    }
}
