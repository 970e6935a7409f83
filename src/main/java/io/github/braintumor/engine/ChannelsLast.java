package io.github.braintumor.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Image batches stored channels-last. The array keeps its (N, C, H, W) shape and values, but its storage runs
 * (N, H, W, C): oneDNN's own layout on a CPU. libtorch follows the input's layout through every convolution,
 * pooling, normalization and concatenation, so a network fed such a batch skips the reorders oneDNN otherwise
 * makes around each convolution. Measured on this project's UNet (2 threads, docs/BENCHMARKS.md): inference about
 * 2x faster in float32 and 1.5x in bfloat16; training about 1.5x. Results agree with the standard layout to float
 * rounding: the layout changes only the order of the sums.
 *
 * <pre>{@code
 * NDArray batch = ChannelsLast.batch(manager, values, new Shape(n, 3, 256, 256)); // channels-last on a CPU
 * }</pre>
 */
public final class ChannelsLast {
    private ChannelsLast() {}

    /** @return whether batches on {@code device} should be channels-last: on a CPU (a GPU is unmeasured) */
    public static boolean suits(Device device) {
        return !device.isGpu();
    }

    /** @return {@link #create} where the manager's device {@link #suits} it, else {@code manager.create(nchw, shape)} */
    public static NDArray batch(NDManager manager, float[] nchw, Shape shape) {
        return suits(manager.getDevice()) ? create(manager, nchw, shape) : manager.create(nchw, shape);
    }

    /**
     * @param nchw values in row-major (N, C, H, W) order, as {@code manager.create(nchw, shape)} takes them
     * @param shape (N, C, H, W)
     * @return the same array as {@code manager.create(nchw, shape)}, stored channels-last (a permuted view of an
     *     (N, H, W, C) array; an ordinary tensor, so autograd may record operations on it)
     */
    public static NDArray create(NDManager manager, float[] nchw, Shape shape) {
        if (shape.dimension() != 4 || shape.size() != nchw.length) {
            throw new IllegalArgumentException(
                    "channels-last needs an (N, C, H, W) shape of " + nchw.length + " values, got " + shape);
        }
        int n = (int) shape.get(0), c = (int) shape.get(1), plane = (int) (shape.get(2) * shape.get(3));
        float[] nhwc = new float[nchw.length];
        for (int b = 0; b < n; b++) {
            int base = b * c * plane;
            int to = base;
            for (int p = 0; p < plane; p++) { // writes in order, reads c streams
                for (int ch = 0; ch < c; ch++) {
                    nhwc[to++] = nchw[base + ch * plane + p];
                }
            }
        }
        return manager.create(nhwc, new Shape(shape.get(0), shape.get(2), shape.get(3), shape.get(1)))
                .transpose(0, 3, 1, 2);
    }
}
