package io.github.braintumor.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The study's Keras-style slice classifier (tumour present or not): five blocks of [conv 3x3 pad 1 with bias,
 * ReLU, dropout drop_i, max-pool 2] with base, 2x, 4x, 8x, 16x filters, then flatten (not global pooling, as the
 * study: the input size is therefore fixed at initialization), dense(units_1, relu|sigmoid), dropout, dense(1).
 * Output: one logit per slice, (N, 1).
 *
 * <pre>{@code
 * ClassifierHyperparameters hp = ClassifierHyperparameters.defaults().withInputSize(64);
 * SequentialBlock net = SliceClassifierNet.build(hp, 3);
 * net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
 * }</pre>
 */
public final class SliceClassifierNet {

    private SliceClassifierNet() {}

    /** @return the network for these hyperparameters and input channels */
    public static SequentialBlock build(ClassifierHyperparameters hp, int inChannels) {
        return builder().setHyperparameters(hp).optInChannels(inChannels).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setHyperparameters} required, {@code optInChannels} default 3. */
    public static final class Builder {
        private ClassifierHyperparameters hp;
        private int inChannels = 3;

        private Builder() {}

        public Builder setHyperparameters(ClassifierHyperparameters hp) {
            this.hp = hp;
            return this;
        }

        /**
         * Input channels. DJL infers them from the input shape at initialization; this is recorded for the
         * input shape the callers should use ({@link SliceClassifierNet#inputShape}).
         */
        public Builder optInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        public SequentialBlock build() {
            if (hp == null) {
                throw new IllegalArgumentException("SliceClassifierNet: setHyperparameters(...) is required");
            }
            if (inChannels < 1) {
                throw new IllegalArgumentException("SliceClassifierNet: inChannels must be >= 1, got " + inChannels);
            }
            SequentialBlock net = new SequentialBlock();
            for (int i = 0; i < ClassifierHyperparameters.BLOCKS; i++) {
                net.add(Conv2d.builder()
                        .setFilters(hp.baseFilters() << i)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .optBias(true)
                        .build());
                net.add(Activation.reluBlock());
                net.add(Dropout.builder().optRate((float) hp.dropout(i + 1)).build());
                net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            net.add(ai.djl.nn.Blocks.batchFlattenBlock());
            net.add(Linear.builder().setUnits(hp.denseUnits()).build());
            net.add(hp.denseActivation() == DenseActivation.RELU ? Activation.reluBlock() : Activation.sigmoidBlock());
            net.add(Dropout.builder().optRate((float) hp.denseDropout()).build());
            net.add(Linear.builder().setUnits(1).build());
            return net;
        }
    }

    /** @return (batch, channels, inputSize, inputSize) for {@code initialize} */
    public static Shape inputShape(ClassifierHyperparameters hp, int channels, int batch) {
        return new Shape(batch, channels, hp.inputSize(), hp.inputSize());
    }
}
