package io.github.braintumor.engine;

import java.util.Objects;

/**
 * Settings for {@link DjlEngine#start(EngineOptions)}: intra-op threads, inference workers, inter-op threads, random
 * seed and device.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder().optThreads(1).optSeed(7).build();
 * DjlEngine.start(options);
 * }</pre>
 *
 * @param threads intra-op threads of PyTorch (&gt;= 1); default the cores other programs leave free when the
 *     options are first built ({@link FreeCores#estimate()})
 * @param interopThreads inter-op threads of PyTorch (&gt;= 1); default 1
 * @param workers how many inference batches a CPU runs at once, each on its own thread with one intra-op thread
 *     ({@link WorkerPool}); default {@code threads} where they were set, else every available processor: a worker
 *     that shares its core with another program takes fewer batches instead of holding the others up
 * @param seed random seed applied to the engine at start; default 42
 * @param device auto (a GPU when PyTorch can use one), cpu or gpu; default {@link DeviceChoice#processDefault()}
 */
public record EngineOptions(int threads, int interopThreads, int workers, long seed, DeviceChoice device) {

    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    public EngineOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(device, "device");
        if (interopThreads < 1) {
            throw new IllegalArgumentException("interop threads must be >= 1, got " + interopThreads);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
    }

    /** @return the free cores, 1 inter-op thread, a worker per processor, seed 42, the process's device choice (auto unless set) */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of {@link EngineOptions}. */
    public static final class Builder {
        private Integer threads; // null: the free cores, sampled only when build() needs them
        private int interopThreads = 1;
        private Integer workers; // null: threads where set, else every available processor
        private long seed = DEFAULT_SEED;
        private DeviceChoice device; // null: DeviceChoice.processDefault() at build()

        private Builder() {}

        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder optInteropThreads(int interopThreads) {
            this.interopThreads = interopThreads;
            return this;
        }

        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optDevice(DeviceChoice device) {
            this.device = device;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(
                    threads != null ? threads : FreeCores.estimate(),
                    interopThreads,
                    workers != null
                            ? workers
                            : threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                    seed,
                    device != null ? device : DeviceChoice.processDefault());
        }
    }
}
