package io.github.braintumor.spark;

import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import io.github.braintumor.eval.PatientScorer;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-JVM holder of loaded models on an executor: the engine is started once per JVM, and a model is loaded
 * lazily the first time a task needs it and then kept for every later task of the same job settings. A loaded
 * model serves one task at a time (DJL predictors are not thread-safe), so an executor running N tasks at once
 * holds at most N copies (one per task slot; the UNet is about 30 MB), never one per patient.
 *
 * <pre>{@code
 * try (WorkerModels.Lease<PatientScorer> lease = WorkerModels.scorer(spec)) {
 *     PatientScores s = lease.get().score(patient);
 * }
 * }</pre>
 */
public final class WorkerModels {
    private static final Map<String, ConcurrentLinkedQueue<Object>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private WorkerModels() {}

    /** A model borrowed for one task; closing it gives it back for the next task. */
    public static final class Lease<T> implements AutoCloseable {
        private final String key;
        private final T model;

        private Lease(String key, T model) {
            this.key = key;
            this.model = model;
        }

        public T get() {
            return model;
        }

        @Override
        public void close() {
            IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
        }
    }

    /** @return how many models this JVM has loaded so far (tests check that they are reused) */
    public static int loads() {
        return LOADS.get();
    }

    /** Starts the engine once per JVM with the job's threads per task (later calls change nothing). */
    static void startEngine(JobSpec spec) {
        startEngine(spec.threads());
    }

    /**
     * Starts this JVM's engine with {@code threads} intra-op threads and as many inference workers per task (0:
     * DJL's choice). It must come before anything else loads a model in the JVM (the driver resolves the embedded
     * models, and in local mode the tasks share the driver's engine): an engine started with the defaults runs
     * every task on all cores, so local[2] ran two tasks of two workers each on two cores and gained nothing.
     */
    static void startEngine(int threads) {
        EngineOptions.Builder o = EngineOptions.builder().optInteropThreads(1);
        if (threads > 0) o.optThreads(threads);
        DjlEngine.start(o.build());
    }

    /** The evaluation's models (UNet and/or classifier) for {@link Command#EVALUATE}. */
    static Lease<PatientScorer> scorer(JobSpec spec) throws Exception {
        String key = spec.modelKey();
        Object idle = poll(key);
        if (idle != null) return new Lease<>(key, (PatientScorer) idle);
        startEngine(spec);
        PatientScorer s = Jobs.evaluation(
                        spec,
                        bundle(spec.unet(), spec.unetEmbedded(), ModelKind.UNET),
                        bundle(spec.classifier(), spec.classifierEmbedded(), ModelKind.CLASSIFIER))
                .buildScorer();
        LOADS.incrementAndGet();
        return new Lease<>(key, s);
    }

    /** The UNet bundle for {@link Command#SEGMENT}. */
    static Lease<ModelBundle> unet(JobSpec spec) throws Exception {
        String key = spec.modelKey();
        Object idle = poll(key);
        if (idle != null) return new Lease<>(key, (ModelBundle) idle);
        startEngine(spec);
        ModelBundle b = ModelBundle.load(bundle(spec.unet(), spec.unetEmbedded(), ModelKind.UNET), ModelKind.UNET);
        LOADS.incrementAndGet();
        return new Lease<>(key, b);
    }

    private static Object poll(String key) {
        ConcurrentLinkedQueue<Object> q = IDLE.get(key);
        return q == null ? null : q.poll();
    }

    /** The bundle folder on this machine: the embedded default is extracted here when the driver's copy is absent. */
    static Path bundle(String path, boolean embedded, ModelKind kind) throws BundleException {
        if (path == null) return null;
        Path p = Path.of(path);
        if (embedded && !Files.isRegularFile(p.resolve("model.json"))) {
            try (ModelBundle b = EmbeddedModels.load(kind)) {
                return b.directory();
            }
        }
        return p;
    }
}
