package io.github.braintumor.infer;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.ModelBundle;
import java.util.Objects;

/**
 * How a segmenter or classifier is applied.
 *
 * <pre>{@code
 * InferenceOptions o = InferenceOptions.builder().optBatchSize(4).optThreshold(0.4f).build();
 * }</pre>
 */
public final class InferenceOptions {
    /**
     * Slices per forward pass unless told otherwise: every command and dialog starts from this one value. Chosen
     * from a measurement on the CPU (2-core Xeon, 2026-12-03, default UNet, whole 38-slice {@code segment} with
     * TTA): batch 1 / 2 / 4 / 8 / 16 took 9.0 / 8.0 / 7.9 / 10.4 / 16.6 s. Larger batches fall out of the caches
     * (the activations of 8 slices at 256x256x16 are 34 MB per layer) and lose more than the fewer calls save.
     */
    public static final int DEFAULT_BATCH_SIZE = 4;

    private final int batchSize;
    private final Float threshold;
    private final boolean resize;
    private final double pixelAspect;
    private final StageClock clock;
    private final Precision precision;

    private InferenceOptions(Builder b) {
        precision = b.precision;
        batchSize = b.batchSize;
        threshold = b.threshold;
        resize = b.resize;
        pixelAspect = b.pixelAspect;
        clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return defaults: batch {@value #DEFAULT_BATCH_SIZE}, the model's threshold, no resizing */
    public static InferenceOptions defaults() {
        return builder().build();
    }

    public int batchSize() {
        return batchSize;
    }

    /** @return the threshold to use, or null for the model's default */
    public Float threshold() {
        return threshold;
    }

    /** @return whether slices of another size are resized (bilinear) to the model's input size and back */
    public boolean resize() {
        return resize;
    }

    /** @return the number format asked for ({@link Precision#resolve} says what it means on a device) */
    public Precision precision() {
        return precision;
    }

    /**
     * @return what a run of {@code bundle} computes in: this choice resolved on the model's device, except float32
     *     for a TorchScript module (its graph fixes its own types)
     */
    public Precision precisionOf(ModelBundle bundle) {
        return precisionOf(
                bundle.model().getBlock(), bundle.model().getNDManager().getDevice());
    }

    /** {@link #precisionOf(io.github.braintumor.model.ModelBundle)} for a block on a device. */
    public Precision precisionOf(Block block, Device device) {
        if (block instanceof PtSymbolBlock) return Precision.FLOAT32;
        return precision.resolve(device);
    }

    /** @return pixel width / pixel height of the slices (1 = square pixels) */
    public double pixelAspect() {
        return pixelAspect;
    }

    /**
     * How a slice of this size reaches a network with a {@code side x side} input: with resizing on, the pixel
     * aspect is honoured ({@link SliceFit}); with it off, only a slice of the network's size is accepted.
     */
    public SliceFit fit(int width, int height, int side) {
        return SliceFit.of(width, height, side, resize ? pixelAspect : 1.0);
    }

    /** @return where the stage times go ({@link StageClock#NONE} unless a bench asks) */
    public StageClock clock() {
        return clock;
    }

    /** Builder; all options optional. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Float threshold;
        private boolean resize;
        private double pixelAspect = 1.0;
        private StageClock clock = StageClock.NONE;
        private Precision precision = Precision.processDefault();

        private Builder() {}

        public Builder optBatchSize(int n) {
            batchSize = Bounds.batchSize(n, "batch size");
            return this;
        }

        /** @param t probability threshold in [0, 1], or null for the model's default */
        public Builder optThreshold(Float t) {
            if (t != null && !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + t);
            }
            threshold = t;
            return this;
        }

        /** @param p float32, bfloat16, or auto (the default: the process's {@value Precision#PROPERTY}, else auto) */
        public Builder optPrecision(Precision p) {
            precision = Objects.requireNonNull(p, "precision");
            return this;
        }

        public Builder optResize(boolean r) {
            resize = r;
            return this;
        }

        /**
         * @param aspect pixel width / pixel height of the slices (from the image's calibration); with resizing on,
         *               pixels that are not square are resampled so the network sees square ones
         *               ({@link SliceFit}); 1, NaN or not positive = square
         */
        public Builder optPixelAspect(double aspect) {
            pixelAspect = SliceFit.anisotropic(aspect) ? aspect : 1.0;
            return this;
        }

        /** @param clock receives the time of each stage of each batch (bench); null = none */
        public Builder optStageClock(StageClock clock) {
            this.clock = clock == null ? StageClock.NONE : clock;
            return this;
        }

        public InferenceOptions build() {
            return new InferenceOptions(this);
        }
    }
}
