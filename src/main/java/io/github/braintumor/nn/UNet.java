package io.github.braintumor.nn;

/**
 * Factory for the segmentation {@link UNetBlock} (Buda et al.; features 32 gives 7,763,041 trainable parameters).
 *
 * <pre>{@code
 * UNetBlock unet = UNet.builder().optInChannels(3).optFeatures(16).build();
 * unet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 256, 256));
 * long n = Blocks.countTrainableParameters(unet);
 * }</pre>
 */
public final class UNet {

    /** Parameters of the features-32 network of the study. */
    public static final long PARAMETERS_FEATURES_32 = 7_763_041L;

    private UNet() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; all settings optional: in 3, out 1, features 32, depth 4. */
    public static final class Builder {
        private int inChannels = 3;
        private int outChannels = 1;
        private int features = 32;
        private int depth = 4;

        private Builder() {}

        public Builder optInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        public Builder optOutChannels(int outChannels) {
            this.outChannels = outChannels;
            return this;
        }

        /** Channels of the first stage; doubled at every stage (bottleneck: features * 2^depth). */
        public Builder optFeatures(int features) {
            this.features = features;
            return this;
        }

        /** Number of pooling stages. */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        public int inChannels() {
            return inChannels;
        }

        public int outChannels() {
            return outChannels;
        }

        public int features() {
            return features;
        }

        public int depth() {
            return depth;
        }

        /** @return a new, uninitialized block on every call (one per training trial) */
        public UNetBlock build() {
            require(inChannels >= 1, "inChannels must be >= 1, got " + inChannels);
            require(outChannels >= 1, "outChannels must be >= 1, got " + outChannels);
            require(features >= 1, "features must be >= 1, got " + features);
            require(depth >= 1 && depth <= 8, "depth must be in 1..8, got " + depth);
            require((long) features << depth <= 1 << 16, "features * 2^depth too large: " + features + ", " + depth);
            return new UNetBlock(inChannels, outChannels, features, depth);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("UNet: " + message);
            }
        }
    }
}
