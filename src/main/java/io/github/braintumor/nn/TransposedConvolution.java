package io.github.braintumor.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * 2-D transposed convolution ("deconvolution") as NDArray functions, with PyTorch's {@code ConvTranspose2d}
 * semantics: weight {@code (Cin, Cout, kH, kW)}, output size {@code (H - 1) * stride - 2 * padding + k}.
 * DJL's own {@code Conv2dTranspose} is not implemented on the PyTorch engine (0.36), hence these.
 *
 * <pre>{@code
 * NDArray y = TransposedConvolution.general(x, w, null, 1, 0);   // any kernel, stride, padding
 * NDArray z = TransposedConvolution.kernel2Stride2(x, w2, bias); // k = 2, s = 2, p = 0: one matrix product
 * }</pre>
 *
 * <p>Results and every intermediate derived from the weight or bias are attached to the input's manager, so
 * that calling these on a block's parameters does not leak arrays into the model's manager.
 */
public final class TransposedConvolution {

    private TransposedConvolution() {}

    /** {@link #general(NDArray, NDArray, NDArray, int, int)} without bias. */
    public static NDArray general(NDArray x, NDArray w, int stride, int padding) {
        return general(x, w, null, stride, padding);
    }

    /** {@link #kernel2Stride2(NDArray, NDArray, NDArray)} without bias. */
    public static NDArray kernel2Stride2(NDArray x, NDArray w) {
        return kernel2Stride2(x, w, null);
    }

    /**
     * Any kernel, stride and padding: zero insertion (stride - 1 zeros between pixels), padding k - 1 - p, and a
     * stride-1 convolution with the kernel flipped spatially and its in/out channels swapped.
     *
     * @param x input (N, Cin, H, W)
     * @param w weight (Cin, Cout, kH, kW)
     * @param bias (Cout) or null
     * @param stride &gt;= 1
     * @param padding &gt;= 0, removed from each border of the full transposed output
     * @return (N, Cout, (H-1)*s - 2p + kH, (W-1)*s - 2p + kW)
     */
    public static NDArray general(NDArray x, NDArray w, NDArray bias, int stride, int padding) {
        check(x, w, stride, padding);
        NDManager manager = x.getManager();
        long kH = w.getShape().get(2);
        long kW = w.getShape().get(3);
        if (outputSize(x.getShape().get(2), kH, stride, padding) < 1
                || outputSize(x.getShape().get(3), kW, stride, padding) < 1) {
            throw new IllegalArgumentException(
                    "padding " + padding + " too large for input " + x.getShape() + " and kernel " + w.getShape());
        }
        NDArray z = insertZeros(x, stride);
        // Padding k-1-p; a negative value means cropping the zero-inserted input instead.
        long padH = kH - 1 - padding;
        long padW = kW - 1 - padding;
        if (padH < 0 || padW < 0) {
            long cropH = Math.max(0, -padH);
            long cropW = Math.max(0, -padW);
            z = z.get(":, :, " + cropH + ":" + (z.getShape().get(2) - cropH) + ", " + cropW + ":"
                    + (z.getShape().get(3) - cropW));
        }
        NDArray kernel = attach(w.flip(2, 3), manager).transpose(1, 0, 2, 3); // (Cout, Cin, kH, kW)
        NDArray out = Conv2d.conv2d(z, kernel, bias, new Shape(1, 1), new Shape(Math.max(0, padH), Math.max(0, padW)))
                .singletonOrThrow();
        return attach(out, manager);
    }

    /**
     * Kernel 2, stride 2, padding 0 as one matrix product and a pixel shuffle: every input pixel writes its own
     * 2x2 output block, {@code out[n, o, 2i+a, 2j+b] = sum_c x[n, c, i, j] * w[c, o, a, b] + bias[o]}.
     *
     * @param x input (N, Cin, H, W)
     * @param w weight (Cin, Cout, 2, 2)
     * @param bias (Cout) or null
     * @return (N, Cout, 2H, 2W)
     */
    public static NDArray kernel2Stride2(NDArray x, NDArray w, NDArray bias) {
        check(x, w, 2, 0);
        if (w.getShape().get(2) != 2 || w.getShape().get(3) != 2) {
            throw new IllegalArgumentException("kernel2Stride2 needs a (Cin, Cout, 2, 2) weight, got " + w.getShape());
        }
        NDManager manager = x.getManager();
        long n = x.getShape().get(0);
        long cin = x.getShape().get(1);
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        long cout = w.getShape().get(1);
        NDArray rows = x.transpose(0, 2, 3, 1).reshape(n * h * wd, cin);
        NDArray matrix = attach(w.reshape(cin, cout * 4), manager);
        // The product is written out (N, 2H, 2W, Cout) and shown as (N, Cout, 2H, 2W): channels-last, as the
        // skip it is concatenated with on a CPU, so the decoder stays channels-last (a standard-layout half would make
        // the concatenation, and everything after it, standard).
        NDArray out = rows.matMul(matrix) // (N*H*W, Cout*2*2)
                .reshape(n, h, wd, cout, 2, 2)
                .transpose(0, 1, 4, 2, 5, 3) // (N, H, 2, W, 2, Cout)
                .reshape(n, 2 * h, 2 * wd, cout)
                .transpose(0, 3, 1, 2);
        if (bias != null) {
            out = out.add(attach(bias.reshape(1, cout, 1, 1), manager));
        }
        return attach(out, manager);
    }

    /** @return (in - 1) * stride - 2 * padding + kernel */
    public static long outputSize(long in, long kernel, int stride, int padding) {
        return (in - 1) * stride - 2L * padding + kernel;
    }

    /** Stride - 1 zeros between neighbouring pixels: (N, C, H, W) -> (N, C, (H-1)s+1, (W-1)s+1). */
    static NDArray insertZeros(NDArray x, int stride) {
        if (stride == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDManager m = x.getManager();
        // (N,C,H,1,W,1) padded with zeros to (N,C,H,s,W,s), then folded to (N,C,Hs,Ws) and the trailing zeros cut.
        NDArray a = x.reshape(n, c, h, 1, w, 1);
        a = a.concat(m.zeros(new Shape(n, c, h, stride - 1, w, 1), x.getDataType(), x.getDevice()), 3);
        a = a.concat(m.zeros(new Shape(n, c, h, stride, w, stride - 1), x.getDataType(), x.getDevice()), 5);
        return a.reshape(n, c, h * stride, w * stride)
                .get(":, :, :" + ((h - 1) * stride + 1) + ", :" + ((w - 1) * stride + 1));
    }

    private static NDArray attach(NDArray array, NDManager manager) {
        if (array.getManager() != manager) {
            array.attach(manager);
        }
        return array;
    }

    private static void check(NDArray x, NDArray w, int stride, int padding) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("input must be (N, Cin, H, W), got " + x.getShape());
        }
        if (w.getShape().dimension() != 4) {
            throw new IllegalArgumentException("weight must be (Cin, Cout, kH, kW), got " + w.getShape());
        }
        if (x.getShape().get(1) != w.getShape().get(0)) {
            throw new IllegalArgumentException("input has " + x.getShape().get(1) + " channels but weight "
                    + w.getShape() + " expects " + w.getShape().get(0));
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
    }
}
