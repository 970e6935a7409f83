package io.github.braintumor.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C / SIGTERM during a long command: ask the work to stop at its next check (training keeps its best model)
 * and give it time to finish the batch before the JVM exits.
 *
 * <pre>{@code
 * try (StopOnSignal stop = StopOnSignal.install()) {
 *     TrainingJobs.segmenter(settings, 16, progress, stop);
 * }
 * }</pre>
 */
final class StopOnSignal implements BooleanSupplier, AutoCloseable {
    /** How long the JVM waits at exit for the current batch and the bundle write. */
    private static final long GRACE_MILLIS = 120_000;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Object finished = new Object();
    private volatile boolean done;
    private final Thread hook = new Thread(this::stopAndWait, "brain-tumor-stop");

    private StopOnSignal() {}

    static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    @Override
    public boolean getAsBoolean() {
        return stop.get();
    }

    private void stopAndWait() {
        stop.set(true);
        synchronized (finished) {
            long until = System.currentTimeMillis() + GRACE_MILLIS;
            while (!done && System.currentTimeMillis() < until) {
                try {
                    finished.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (finished) {
            done = true;
            finished.notifyAll();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it has been told we are done
        }
    }
}
