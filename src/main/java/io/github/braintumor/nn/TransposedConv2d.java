package io.github.braintumor.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * 2-D transposed convolution block with PyTorch's {@code ConvTranspose2d} layout: weight {@code (Cin, Cout, kH, kW)},
 * bias {@code (Cout)}. Input (N, Cin, H, W), output (N, Cout, (H-1)*s - 2p + kH, (W-1)*s - 2p + kW).
 *
 * <pre>{@code
 * Block up = TransposedConv2d.builder().setFilters(64).setKernelShape(new Shape(2, 2)).optStride(2).build();
 * up.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 16, 16));   // -> (1, 64, 32, 32)
 * }</pre>
 *
 * <p>Kernel 2 / stride 2 / padding 0 (the UNet's up-sampling) runs {@link TransposedConvolution#kernel2Stride2}
 * (one matrix product); everything else runs {@link TransposedConvolution#general}. Weights get DJL's default
 * {@code Parameter.Type.WEIGHT} initializer (Xavier, Gaussian, fan-in, magnitude 2, i.e. Kaiming normal) unless
 * the trainer or {@code setInitializer} sets another; bias starts at zero.
 */
public class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final Shape kernelShape;
    private final int stride;
    private final int padding;
    private final boolean includeBias;
    private final Parameter weight;
    private final Parameter bias;

    TransposedConv2d(Builder builder) {
        super(VERSION);
        filters = builder.filters;
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        includeBias = builder.includeBias;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        bias = includeBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(filters))
                        .build())
                : null;
    }

    /** @return a builder; {@code setFilters} and {@code setKernelShape} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether this block uses the matrix-product fast path (kernel 2x2, stride 2, padding 0) */
    public boolean isKernel2Stride2() {
        return kernelShape.get(0) == 2 && kernelShape.get(1) == 2 && stride == 2 && padding == 0;
    }

    public int getFilters() {
        return filters;
    }

    public Shape getKernelShape() {
        return kernelShape;
    }

    public int getStride() {
        return stride;
    }

    public int getPadding() {
        return padding;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        if (input.dimension() != 4) {
            throw new IllegalArgumentException("TransposedConv2d expects (N, Cin, H, W), got " + input);
        }
        weight.setShape(new Shape(input.get(1), filters, kernelShape.get(0), kernelShape.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {
            new Shape(
                    in.get(0),
                    filters,
                    TransposedConvolution.outputSize(in.get(2), kernelShape.get(0), stride, padding),
                    TransposedConvolution.outputSize(in.get(3), kernelShape.get(1), stride, padding))
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
        // Both functions keep every array derived from w and b in x's manager (no leak into the model's).
        NDArray y = isKernel2Stride2()
                ? TransposedConvolution.kernel2Stride2(x, w, b)
                : TransposedConvolution.general(x, w, b, stride, padding);
        return new NDList(y);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("Unsupported TransposedConv2d encoding version " + loadVersion);
        }
        readInputShapes(is);
    }

    @Override
    public String toString() {
        return "TransposedConv2d(filters=" + filters + ", kernel=" + kernelShape + ", stride=" + stride + ", padding="
                + padding + ", bias=" + includeBias + ")";
    }

    /** Builder in DJL's style: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int filters = -1;
        private Shape kernelShape;
        private int stride = 1;
        private int padding;
        private boolean includeBias = true;

        private Builder() {}

        /** Output channels (required, &gt;= 1). */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Kernel (kH, kW) (required). */
        public Builder setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return this;
        }

        /** Stride in both directions, default 1. */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Padding removed from each border of the full output, default 0. */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /** Whether to add a bias, default true. */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        public TransposedConv2d build() {
            if (filters < 1) {
                throw new IllegalArgumentException("TransposedConv2d: setFilters(n >= 1) is required, got " + filters);
            }
            if (kernelShape == null
                    || kernelShape.dimension() != 2
                    || kernelShape.get(0) < 1
                    || kernelShape.get(1) < 1) {
                throw new IllegalArgumentException(
                        "TransposedConv2d: setKernelShape(new Shape(kH, kW)) is required, got " + kernelShape);
            }
            if (stride < 1) {
                throw new IllegalArgumentException("TransposedConv2d: stride must be >= 1, got " + stride);
            }
            if (padding < 0) {
                throw new IllegalArgumentException("TransposedConv2d: padding must be >= 0, got " + padding);
            }
            return new TransposedConv2d(this);
        }
    }
}
