package io.github.braintumor.progress;

/**
 * Receives the progress of a job (training, segmenting, evaluating, benchmarking); called on the job's thread, so
 * keep it quick.
 *
 * <pre>{@code
 * ProgressListener p = ProgressListener.console();       // one stderr line per 10 batches and per epoch
 * ProgressListener q = progress -> bar.set(progress.fraction());
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Progress p);

    /** Free-text events (start, checkpoint written, early stop...). */
    default void onMessage(String m) {}

    /** @return a listener printing one line per 10 batches and one per epoch on stderr */
    static ProgressListener console() {
        return console(10);
    }

    /** @return a listener printing one line per {@code everyBatches} batches and one per epoch on stderr */
    static ProgressListener console(int everyBatches) {
        return new ConsoleProgressListener(System.err, everyBatches);
    }

    /** @return a listener that ignores everything */
    static ProgressListener silent() {
        return p -> {};
    }
}
