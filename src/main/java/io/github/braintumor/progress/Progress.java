package io.github.braintumor.progress;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One progress report of any job: how many of its steps are done, the time left and a line saying it in the job's
 * own words ("Segmentation: 8/38 slices", "evaluated TCGA_CS_4942 (3/12 patients)"). Training adds where it is in
 * its epochs ({@link Epoch}); nothing else speaks of epochs.
 *
 * <pre>{@code
 * listener.onProgress(Progress.of(8, 38, Duration.ofSeconds(4), "Segmentation: 8/38 slices"));
 * listener.onProgress(Progress.training(2, 30, 5, 150, 0.41, OptionalDouble.empty(), eta, "epoch 2/30 batch 5/150"));
 * }</pre>
 *
 * @param done    steps done (over all epochs for training)
 * @param total   steps in all, at least 1
 * @param eta     estimated time left for the whole job
 * @param message human-readable summary
 * @param epoch   the training position, null for other jobs
 */
public record Progress(long done, long total, Duration eta, String message, Epoch epoch) {
    /**
     * Where a training run is.
     *
     * @param epoch            1-based epoch
     * @param epochs           planned epochs
     * @param batch            1-based batch within the epoch
     * @param batches          batches per epoch
     * @param loss             running mean training loss of this epoch
     * @param validationMetric the validation metric, present only in end-of-epoch reports
     */
    public record Epoch(int epoch, int epochs, int batch, int batches, double loss, OptionalDouble validationMetric) {}

    public Progress {
        if (total < 1) total = 1;
    }

    /** A job counted in its own steps (slices, patients). */
    public static Progress of(long done, long total, Duration eta, String message) {
        return new Progress(done, total, eta, message, null);
    }

    /** A training report; the steps are batches over all epochs. */
    public static Progress training(
            int epoch,
            int epochs,
            int batch,
            int batches,
            double loss,
            OptionalDouble validationMetric,
            Duration eta,
            String message) {
        long perEpoch = Math.max(1, batches);
        long done = (long) Math.max(0, epoch - 1) * perEpoch + batch;
        return new Progress(
                done,
                (long) Math.max(1, epochs) * perEpoch,
                eta,
                message,
                new Epoch(epoch, epochs, batch, batches, loss, validationMetric));
    }

    /** @return whether this is an end-of-epoch report of a training run (it carries the validation metric) */
    public boolean endOfEpoch() {
        return epoch != null && epoch.validationMetric().isPresent();
    }

    /** @return the fraction done, 0..1 */
    public double fraction() {
        return Math.min(1.0, Math.max(0.0, done / (double) total));
    }
}
