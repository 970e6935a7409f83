package io.github.braintumor.train;

/**
 * How the run is cut into steps: {@code samples} drawn per epoch, in {@code batches} of {@code batchSize} (the last
 * one smaller where they do not divide), for {@code epochs} epochs. The loop, the learning-rate schedule and the
 * time-left estimate all count with it.
 */
record EpochPlan(int epochs, int samples, int batchSize, int batches) {
    /** The plan of {@code cfg}; its samples per epoch default to one pass over the training slices. */
    static EpochPlan of(TrainingConfig cfg, int trainingSlices) {
        int samples = cfg.samplesPerEpoch() > 0 ? cfg.samplesPerEpoch() : Math.max(1, trainingSlices);
        return new EpochPlan(cfg.epochs(), samples, cfg.batchSize(), (samples + cfg.batchSize() - 1) / cfg.batchSize());
    }

    /** @return the size of 1-based batch {@code b} */
    int size(int b) {
        return Math.min(batchSize, samples - (b - 1) * batchSize);
    }

    /** @return optimisation steps in the whole run */
    int totalSteps() {
        return batches * epochs;
    }
}
