package io.github.braintumor.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Helpers on DJL blocks.
 *
 * <pre>{@code
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
 * long trainable = Blocks.countTrainableParameters(block);   // 7,763,041 for UNet features 32
 * }</pre>
 */
public final class Blocks {

    private Blocks() {}

    /**
     * @return the number of values in parameters that take gradients (BatchNorm running statistics excluded,
     *     as PyTorch's {@code sum(p.numel() for p in m.parameters())})
     * @throws IllegalStateException if the block is not initialized
     */
    public static long countTrainableParameters(Block block) {
        return count(block, true);
    }

    /** @return the number of values in all parameters, running statistics included */
    public static long countAllParameters(Block block) {
        return count(block, false);
    }

    private static long count(Block block, boolean trainableOnly) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (trainableOnly && !parameter.requiresGradient()) {
                continue;
            }
            Shape shape = parameter.getShape();
            if (shape == null) {
                throw new IllegalStateException("parameter " + p.getKey()
                        + " has no shape yet: call block.initialize(manager, dataType, inputShape) first");
            }
            n += shape.size();
        }
        return n;
    }
}
