package io.github.braintumor.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.UNetBlock;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.tensor.Normalization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The inference core shared by segmenter and classifier: checks slices, normalizes (per batch for per-pixel
 * normalizations, over the whole list for volume ones), resizes or downscales to what the network sees, runs the
 * block in evaluation mode inside a sub-manager per batch (memory stays flat on long stacks) and returns the
 * sigmoid probabilities as float arrays. On a CPU our own blocks see channels-last batches and weights ({@link
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
        List<float[]> out = new ArrayList<>(slices.size());
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
        try (NDManager weights = ownWeights ? base.newSubManager() : null) {
            // The weights in this run's type and layout, for this run only: a model still being trained changes
            // between runs.
            // Our UNet on a CPU runs as one graph with BatchNorm folded (-Dbraintumor.graph=false: the block's own
            // forward, for comparison)
            UNetGraph graph = nhwc && block instanceof UNetBlock unet && graphEnabled()
                    ? UNetGraph.of(unet, weights, bf16)
                    : null;
            ParameterStore parameters = ownWeights && graph == null ? new InferenceWeights(weights, bf16, nhwc) : null;
            for (int b = 0; b < batches; b++) {
                if (cancel.getAsBoolean()) {
                    throw new CancellationException(
                            what + " canceled after " + out.size() + " of " + slices.size() + " slices");
                }
                long t0 = System.nanoTime();
                int from = b * batch;
                int n = Math.min(batch, slices.size() - from);
                int plane = channels * modelSide * modelSide;
                float[] x = new float[n * plane];
                for (int k = 0; k < n; k++) {
                    float[] input;
                    if (volume != null) {
                        input = volume[from + k];
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
                    clock.add(StageClock.Stage.CONVERSION, t1 - t0);
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
                    clock.add(StageClock.Stage.INFERENCE, t2 - t1);
                    if (!outputsProbabilities) {
                        y = Activation.sigmoid(y);
                    }
                    float[] values = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .toFloatArray();
                    int per = values.length / n;
                    for (int k = 0; k < n; k++) {
                        float[] p = new float[per];
                        System.arraycopy(values, k * per, p, 0, per);
                        out.add(p);
                    }
                    clock.add(StageClock.Stage.POSTPROCESSING, System.nanoTime() - t2);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                progress.onProgress(Progress.of(
                        b + 1,
                        batches,
                        Duration.ofMillis((long) (1000 * elapsed / (b + 1) * (batches - b - 1))),
                        String.format(Locale.ROOT, "%s: %d/%d slices", what, out.size(), slices.size())));
            }
        }
        return out;
    }

    private static boolean graphEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty("braintumor.graph"));
    }

    /**
     * @return what this run computes in: the options' choice on the model's device, except float32 for a
     *     TorchScript module (its graph fixes its own types)
     */
    Precision precision(Block block) {
        if (block instanceof PtSymbolBlock) return Precision.FLOAT32;
        return options.precision().resolve(bundle.model().getNDManager().getDevice());
    }

    /**
     * Serves each weight as {@link TorchCasts#asWeight} makes it for the run's type and layout, made on first use;
     * copies are kept in {@code weights} for the run, a weight that needs none is served as it is.
     */
    private static final class InferenceWeights extends ParameterStore {
        private final NDManager weights;
        private final boolean bf16;
        private final boolean nhwc;
        private final Map<String, NDArray> copies = new HashMap<>();

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
