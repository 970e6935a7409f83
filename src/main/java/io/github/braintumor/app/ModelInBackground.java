package io.github.braintumor.app;

import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A model bundle loaded once for every volume of a command, on a background thread while the caller reads its first
 * inputs: the engine's start (loading libtorch) and the model's cold load may then overlap the reading. Measured on
 * 2 cores (2026-12-03): a folder of 6 patients 0.96x of a load per volume; one patient unchanged (1.01x: the JIT
 * compiler's threads already keep the second core busy while a fresh JVM starts).
 *
 * <pre>{@code
 * try (ModelInBackground unet = ModelInBackground.start("", ModelKind.UNET)) {
 *     List<SliceImage> slices = read(...);          // meanwhile the model loads
 *     StackSegmentation.run(slices, settings, unet.get(), progress, cancel);
 * }
 * }</pre>
 */
public final class ModelInBackground implements AutoCloseable {
    private final FutureTask<ModelBundle> load;

    private ModelInBackground(FutureTask<ModelBundle> load) {
        this.load = load;
    }

    /** Starts loading {@link ModelChoice#load(String, ModelKind)} on a daemon thread. */
    public static ModelInBackground start(String model, ModelKind kind) {
        FutureTask<ModelBundle> load = new FutureTask<>(() -> ModelChoice.load(model, kind));
        Thread t = new Thread(load, "brain-tumor-model-load");
        t.setDaemon(true);
        t.start();
        return new ModelInBackground(load);
    }

    /**
     * @return the loaded bundle, the same each time (waits for the load)
     * @throws Exception what the load threw, as it threw it (a missing bundle is still a bad input), each time
     */
    public ModelBundle get() throws Exception {
        try {
            return load.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) throw x;
            if (cause instanceof Error x) throw x;
            throw e;
        }
    }

    /** Waits for the load and closes the bundle if it loaded. */
    @Override
    public void close() {
        try {
            load.get().close();
        } catch (ExecutionException e) {
            // nothing was loaded: nothing to close (get() reported the failure to whoever asked)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
