package io.github.braintumor.bench;

/**
 * What {@link Benchmark} measures. Defaults are the comparison with the peer (PyTorch eager): UNet features 32 at
 * 256x256, the classifier of {@code ClassifierHyperparameters.defaults()}, the peer's warm-up/run counts; the
 * stack split and the 40-slice patient use the default UNet (features 16); memory flatness segments 1,000 slices.
 *
 * <pre>{@code
 * BenchConfig quick = BenchConfig.builder().optFeatures(4).optSize(64).optFlatSlices(200).optQuick(true).build();
 * }</pre>
 *
 * @param threads        PyTorch intra-op threads (0 = DJL's default); applies only if the engine is not yet started
 * @param features       UNet features for the inference/training comparison (32 = the peer's model)
 * @param size           slice side in pixels (256 = the peer's input)
 * @param stackFeatures  UNet features of the stack time split, the patient timing and the memory check (16 = the
 *                       default bundle)
 * @param patientSlices  slices of the synthetic patient whose segmentation is split into stages
 * @param flatSlices     slices segmented while sampling RSS every {@link #FLAT_SAMPLE_EVERY} slices
 * @param quick          one timed run per figure and no warm-up (smoke tests)
 */
public record BenchConfig(
        int threads, int features, int size, int stackFeatures, int patientSlices, int flatSlices, boolean quick) {
    /** RSS is sampled after every this many slices in the memory flatness check. */
    public static final int FLAT_SAMPLE_EVERY = 100;
    /** Batch sizes compared with the peer. */
    public static final int[] BATCHES = {1, 8};
    /** Training batch, as the peer's unet-train and cnn-train. */
    public static final int TRAIN_BATCH = 8;

    public BenchConfig {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = default), got " + threads);
        if (features < 1 || stackFeatures < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features + " / " + stackFeatures);
        }
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException(
                    "size must be a multiple of 32 (UNet depth 4, classifier 5 poolings), got " + size);
        }
        if (patientSlices < 1) throw new IllegalArgumentException("patient slices must be >= 1, got " + patientSlices);
        if (flatSlices < FLAT_SAMPLE_EVERY || flatSlices % FLAT_SAMPLE_EVERY != 0) {
            throw new IllegalArgumentException(
                    "--slices must be a positive multiple of " + FLAT_SAMPLE_EVERY + ", got " + flatSlices);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** (warm-up, timed runs) for a model ("unet" or "cnn") and a figure ("b1", "b8", "train"), as the peer's PLAN. */
    public int[] plan(String model, String figure) {
        if (quick) return new int[] {0, 1};
        boolean unet = model.equals("unet");
        return switch (figure) {
            case "b1" -> unet ? new int[] {2, 7} : new int[] {5, 30};
            case "b8" -> unet ? new int[] {1, 5} : new int[] {3, 15};
            case "train" -> unet ? new int[] {1, 4} : new int[] {3, 10};
            default -> throw new IllegalArgumentException("Unknown figure " + figure);
        };
    }

    /** Builder; every option has a default. */
    public static final class Builder {
        private int threads = 0;
        private int features = 32;
        private int size = 256;
        private int stackFeatures = 16;
        private int patientSlices = 40;
        private int flatSlices = 1000;
        private boolean quick = false;

        private Builder() {}

        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder optFeatures(int features) {
            this.features = features;
            return this;
        }

        public Builder optSize(int size) {
            this.size = size;
            return this;
        }

        public Builder optStackFeatures(int features) {
            this.stackFeatures = features;
            return this;
        }

        public Builder optPatientSlices(int slices) {
            this.patientSlices = slices;
            return this;
        }

        public Builder optFlatSlices(int slices) {
            this.flatSlices = slices;
            return this;
        }

        public Builder optQuick(boolean quick) {
            this.quick = quick;
            return this;
        }

        public BenchConfig build() {
            return new BenchConfig(threads, features, size, stackFeatures, patientSlices, flatSlices, quick);
        }
    }
}
