package io.github.braintumor.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.engine.WorkerPool;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.UNetBlock;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The inference core shared by segmenter and classifier: checks slices, normalizes (per batch for per-pixel
 * normalizations, over the whole list for volume ones), resizes or downscales to what the network sees, runs the
 * block in evaluation mode inside a sub-manager per batch (memory stays flat on long stacks) and returns the
 * sigmoid probabilities as float arrays. On a CPU the batches run side by side on {@link WorkerPool}'s threads, one
 * intra-op thread each ({@link io.github.braintumor.engine.EngineOptions#workers()}). On a CPU our own blocks see channels-last batches and weights ({@link
 * ChannelsLast}), and our UNet runs as one graph with BatchNorm folded in ({@link UNetGraph}); in bfloat16 the
 * weights are cast once per run.
 */
final class BatchedForward {
    private final ModelBundle bundle;
    private final ModelInfo info;
    private final Normalization normalization;
    private final InferenceOptions options;
    private final boolean outputsProbabilities;

    /**
     * @param task what the caller does with the model, for the error message ("segmentation")
     * @throws IllegalArgumentException when the bundle is not of the {@code expected} kind
     */
    BatchedForward(ModelBundle bundle, InferenceOptions options, ModelKind expected, String task) {
        if (bundle.kind() != expected) {
            throw new IllegalArgumentException("Model bundle " + bundle.directory() + " is a "
                    + bundle.kind().id() + " model; " + task + " needs a " + expected.id() + " model");
        }
        this.bundle = bundle;
        this.info = bundle.info();
        this.normalization = Normalization.fromId(info.normalization());
        this.options = options;
        this.outputsProbabilities = "probabilities".equals(info.architectureString("output", "logits"));
    }

    /** @return per slice, the network's sigmoid output flattened (H*W for a UNet, 1 value for a classifier) */
    List<float[]> run(List<SliceImage> slices, ProgressListener progress, BooleanSupplier cancel, String what) {
        int side = info.inputSize();
        int channels = info.inputChannels();
        for (int i = 0; i < slices.size(); i++) {
            SliceImage s = slices.get(i);
            if (s.channels() != channels) {
                throw new IllegalArgumentException("Slice " + (i + 1) + " has " + s.channels() + " channel(s); the "
                        + info.kind() + " model needs " + channels + " (pre-contrast, FLAIR, post-contrast)");
            }
            if ((s.width() != side || s.height() != side) && !options.resize()) {
                throw new IllegalArgumentException("Slice " + (i + 1) + " is " + s.width() + "x" + s.height()
                        + " but the model needs " + side + "x" + side + ": resize the images or switch resampling on");
            }
        }
        StageClock clock = options.clock();
        long t = System.nanoTime();
        float[][] volume = null;
        if (normalization != Normalization.DIVIDE_BY_255 && !slices.isEmpty()) {
            volume = new float[slices.size()][];
            for (int i = 0; i < volume.length; i++) {
                volume[i] = networkInput(slices.get(i));
            }
            normalization.normalizeVolume(volume, channels); // statistics of the whole stack
        }
        clock.add(StageClock.Stage.CONVERSION, System.nanoTime() - t);
        int batch = options.batchSize();
        int batches = (slices.size() + batch - 1) / batch;
        int modelSide = info.modelInputSize();
        long start = System.nanoTime();
        NDManager base = bundle.model().getNDManager();
        Block block = bundle.model().getBlock();
        boolean bf16 = precision(block) == Precision.BFLOAT16;
        // Our own blocks run channels-last on a CPU. A TorchScript graph may view() its tensors as if they were
        // standard, so it gets the standard layout.
        boolean nhwc = !(block instanceof PtSymbolBlock) && ChannelsLast.suits(base.getDevice());
        boolean ownWeights = bf16 || nhwc;
        // A CPU runs whole batches side by side, one intra-op thread each; a GPU takes them one at a time.
        int workers = base.getDevice().isGpu() ? 1 : DjlEngine.options().workers();
        if (cancel.getAsBoolean()) {
            throw new CancellationException(what + " canceled before the first of " + slices.size() + " slices");
        }
        List<Batch> done;
        try (NDManager weights = ownWeights ? base.newSubManager() : null) {
            // The weights in this run's type and layout, for this run only: a model still being trained changes
            // between runs.
            // Our UNet on a CPU runs as one graph with BatchNorm folded (-Dbraintumor.graph=false: the block's own
            // forward, for comparison)
            UNetGraph graph = nhwc && block instanceof UNetBlock unet && graphEnabled()
                    ? UNetGraph.of(unet, weights, bf16)
                    : null;
            ParameterStore parameters = ownWeights && graph == null ? new InferenceWeights(weights, bf16, nhwc) : null;
            float[][] normalized = volume;
            IntFunction<Batch> forward = b -> {
                long t0 = System.nanoTime();
                int from = b * batch;
                int n = Math.min(batch, slices.size() - from);
                int plane = channels * modelSide * modelSide;
                float[] x = new float[n * plane];
                for (int k = 0; k < n; k++) {
                    float[] input;
                    if (normalized != null) {
                        input = normalized[from + k];
                    } else {
                        input = networkInput(slices.get(from + k));
                        normalization.normalizeVolume(new float[][] {input}, channels);
                    }
                    System.arraycopy(input, 0, x, k * plane, plane);
                }
                try (NDManager sub = base.newSubManager()) {
                    Shape shape = new Shape(n, channels, modelSide, modelSide);
                    NDArray data = nhwc ? ChannelsLast.create(sub, x, shape) : sub.create(x, shape);
                    long t1 = System.nanoTime();
                    NDArray y;
                    if (ownWeights) {
                        NDArray in = bf16 ? TorchCasts.toBfloat16(data) : data;
                        y = TorchCasts.toFloat32(
                                graph != null
                                        ? graph.forward(in)
                                        : block.forward(parameters, new NDList(in), false)
                                                .singletonOrThrow());
                    } else {
                        y = block.forward(new ParameterStore(sub, false), new NDList(data), false)
                                .singletonOrThrow();
                    }
                    long t2 = System.nanoTime();
                    if (!outputsProbabilities) {
                        y = Activation.sigmoid(y);
                    }
                    float[] values = y.toType(DataType.FLOAT32, false).toFloatArray();
                    NonFiniteOutputException.check(values, bundle.directory());
                    int per = values.length / n;
                    float[][] p = new float[n][per];
                    for (int k = 0; k < n; k++) {
                        System.arraycopy(values, k * per, p[k], 0, per);
                    }
                    return new Batch(p, t1 - t0, t2 - t1, System.nanoTime() - t2);
                }
            };
            int[] slicesDone = {0};
            int[] batchesDone = {0};
            IntConsumer report = b -> { // on this thread, as each batch finishes
                slicesDone[0] += Math.min(batch, slices.size() - b * batch);
                batchesDone[0]++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                int k = batchesDone[0];
                progress.onProgress(Progress.of(
                        k,
                        batches,
                        Duration.ofMillis((long) (1000 * elapsed / k * (batches - k))),
                        String.format(Locale.ROOT, "%s: %d/%d slices", what, slicesDone[0], slices.size())));
                if (k < batches && cancel.getAsBoolean()) {
                    throw new CancellationException(
                            what + " canceled after " + slicesDone[0] + " of " + slices.size() + " slices");
                }
            };
            done = WorkerPool.map(batches, workers, forward, report);
        }
        List<float[]> out = new ArrayList<>(slices.size());
        for (Batch b : done) {
            clock.add(StageClock.Stage.CONVERSION, b.conversionNanos());
            clock.add(StageClock.Stage.INFERENCE, b.inferenceNanos());
            clock.add(StageClock.Stage.POSTPROCESSING, b.postprocessingNanos());
            out.addAll(Arrays.asList(b.probabilities()));
        }
        return out;
    }

    /** One batch's sigmoid outputs, per slice, and the time of each stage on the thread that ran it. */
    private record Batch(
            float[][] probabilities, long conversionNanos, long inferenceNanos, long postprocessingNanos) {}

    private static boolean graphEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty("braintumor.graph"));
    }

    /**
     * @return what this run computes in: the options' choice on the model's device, except float32 for a
     *     TorchScript module (its graph fixes its own types)
     */
    Precision precision(Block block) {
        return options.precisionOf(block, bundle.model().getNDManager().getDevice());
    }

    /**
     * Serves each weight as {@link TorchCasts#asWeight} makes it for the run's type and layout, made on first use;
     * copies are kept in {@code weights} for the run, a weight that needs none is served as it is.
     */
    private static final class InferenceWeights extends ParameterStore {
        private final NDManager weights;
        private final boolean bf16;
        private final boolean nhwc;
        private final Map<String, NDArray> copies = new ConcurrentHashMap<>(); // workers share one store

        InferenceWeights(NDManager weights, boolean bf16, boolean nhwc) {
            super(weights, false);
            this.weights = weights;
            this.bf16 = bf16;
            this.nhwc = nhwc;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) return null; // an absent bias, as in the base store
            return copies.computeIfAbsent(parameter.getId(), id -> {
                NDArray w = parameter.getArray();
                NDArray served = TorchCasts.asWeight(w, bf16, nhwc);
                if (served != w) served.attach(weights); // a copy for this run; the parameter itself stays the model's
                return served;
            });
        }
    }

    /** Raw 0..255 float planes at the network's input size (fitted by {@link SliceFit}, then downscaled by averaging). */
    private float[] networkInput(SliceImage s) {
        int channels = s.channels();
        byte[] px = s.pixels();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = px[i] & 0xFF;
        }
        int side = info.inputSize();
        f = options.fit(s.width(), s.height(), side).toInput(f, channels);
        int modelSide = info.modelInputSize();
        if (modelSide != side) {
            f = Resampling.average(f, channels, side, side, side / modelSide);
        }
        return f;
    }
}
