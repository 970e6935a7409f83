package io.github.braintumor.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Runs independent pieces of CPU inference (one batch each) on several threads at once, each thread with one
 * intra-op thread of its own, instead of one piece at a time split over all threads.
 *
 * <p>Why: PyTorch splits every layer evenly over its intra-op threads and waits for the slowest at each layer, so a
 * thread that shares its core with another program holds all of them up, and small layers leave threads idle. Whole
 * batches on single-threaded workers wait for nothing: a worker on a busy core takes fewer batches. Measured on 2
 * cores (2026-12-03, default UNet, bfloat16, batch 4): 72-78 slices/s from 2 workers against 61-64 from 2 threads
 * and 42 from 1; with another program busy on one core, 2 workers 50-56 against 1 thread 39-43.
 *
 * <p>The workers are daemon threads shared by the process and made once per worker count; their results come back
 * to the calling thread, which reports progress and may stop the rest.
 *
 * <pre>{@code
 * List<float[]> out = WorkerPool.map(batches, DjlEngine.options().workers(), b -> forward(b), done -> progress());
 * }</pre>
 */
public final class WorkerPool {
    /** More workers than this give each worker several intra-op threads instead; each worker holds a batch's memory. */
    static final int MAX_WORKERS = 8;

    private static ExecutorService pool;
    private static int poolWorkers;
    private static int poolThreadsEach;

    /** Marks the pool's own threads: work they start runs in place, never waits on the pool it runs in. */
    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);

    private WorkerPool() {}

    /**
     * Computes {@code task.apply(i)} for i = 0..n-1 on up to {@code workers} threads (at most {@value
     * #MAX_WORKERS}), in place on the calling thread when there is one worker, one task, or the caller is itself a
     * worker.
     *
     * @param done called on the calling thread with each finished index, in the order they finish; what it throws
     *     (a {@link java.util.concurrent.CancellationException} for a cancel, say) stops the tasks not yet begun,
     *     waits for the running ones and is thrown from here
     * @return the results in index order
     * @throws RuntimeException or Error as the first failing task threw it (the rest are stopped the same way)
     */
    public static <T> List<T> map(int n, int workers, IntFunction<T> task, IntConsumer done) {
        int used = Math.min(Math.min(workers, MAX_WORKERS), n);
        if (used <= 1 || IS_WORKER.get()) {
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
                done.accept(i);
            }
            return out;
        }
        ExecutorService executor = executor(Math.min(workers, MAX_WORKERS), Math.max(1, workers / MAX_WORKERS));
        Object[] results = new Object[n];
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>(); // indexes, FAILED for a failure
        // Each runner takes the next index until none is left: a runner on a busy core simply takes fewer.
        List<Future<?>> runners = new ArrayList<>(used);
        for (int r = 0; r < used; r++) {
            runners.add(executor.submit(() -> {
                for (int i = next.getAndIncrement(); i < n && !stop.get(); i = next.getAndIncrement()) {
                    try {
                        results[i] = task.apply(i);
                    } catch (Throwable e) { // handed to the caller, which throws it
                        failure.compareAndSet(null, e);
                        stop.set(true);
                        finished.add(FAILED);
                        return;
                    }
                    finished.add(i);
                }
            }));
        }
        try {
            for (int count = 0; count < n; count++) {
                int i = finished.take();
                if (i == FAILED) break;
                done.accept(i);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            stop.set(true); // a no-op when all are done; otherwise no runner starts another task
            awaitAll(runners);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error error) throw error;
        if (e != null) throw new IllegalStateException(e);
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) Arrays.asList(results);
        return out;
    }

    private static final int FAILED = -1;

    /** Waits for every runner: the caller's native resources (weights, managers) must outlive their tasks. */
    private static void awaitAll(List<Future<?>> runners) {
        boolean interrupted = false;
        for (Future<?> f : runners) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting, then restore the flag
                } catch (ExecutionException e) {
                    break; // runners catch their tasks' failures; nothing else can end up here
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The shared executor for this many workers, each with {@code threadsEach} intra-op threads. */
    private static synchronized ExecutorService executor(int workers, int threadsEach) {
        if (pool == null || poolWorkers != workers || poolThreadsEach != threadsEach) {
            if (pool != null) pool.shutdown(); // its queued work still runs
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(
                        () -> {
                            IS_WORKER.set(true);
                            DjlEngine.useThreadsOnThisThread(threadsEach);
                            r.run();
                        },
                        "brain-tumor-worker-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            poolWorkers = workers;
            poolThreadsEach = threadsEach;
        }
        return pool;
    }
}
