package io.github.braintumor.infer;

/**
 * Where inference spends its time, reported by the product path itself (so the bench measures what users run, not
 * a copy of it): conversion (bytes to floats, normalisation, the batch array into an NDArray), inference (the
 * network's forward pass) and post-processing (sigmoid, copying out per slice, thresholding to masks). Each batch's
 * stages are timed on the thread that ran it; where batches run side by side ({@link
 * io.github.braintumor.engine.WorkerPool}) the stages add up to more than the wall time, and their ratios stay
 * meaningful.
 *
 * <pre>{@code
 * long[] ns = new long[3];
 * InferenceOptions o = InferenceOptions.builder().optStageClock((stage, t) -> ns[stage.ordinal()] += t).build();
 * }</pre>
 */
@FunctionalInterface
public interface StageClock {
    /** The stages, in the order they run for each batch. */
    enum Stage {
        CONVERSION,
        INFERENCE,
        POSTPROCESSING
    }

    /** Adds {@code nanos} to a stage (called on the thread that asked for the inference). */
    void add(Stage stage, long nanos);

    /** Records nothing (the default). */
    StageClock NONE = (stage, nanos) -> {};
}
