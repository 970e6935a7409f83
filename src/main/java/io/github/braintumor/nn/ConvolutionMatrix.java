package io.github.braintumor.nn;

/**
 * The "convolution matrix" view of a 2-D convolution (stride 1, no padding, cross-correlation as deep learning
 * frameworks compute it): a matrix C with {@code C . vec(x) = vec(conv(x))}; its transpose gives the transposed
 * convolution, {@code C^T . vec(y) = vec(convT(y))}. For teaching and tests; use the NDArray functions to compute.
 *
 * <pre>{@code
 * double[][] c = ConvolutionMatrix.of(kernel3x3, 4, 4);       // 4 x 16
 * double[] y = ConvolutionMatrix.multiply(c, flatten(x4x4));  // the 2x2 result, row-major
 * double[] back = ConvolutionMatrix.multiplyTransposed(c, y); // 16 values: the transposed convolution of y
 * }</pre>
 */
public final class ConvolutionMatrix {

    private ConvolutionMatrix() {}

    /**
     * @param kernel kH x kW (rectangular)
     * @param inH input height &gt;= kH
     * @param inW input width &gt;= kW
     * @return ((inH-kH+1)*(inW-kW+1)) x (inH*inW), row-major flattening on both sides
     */
    public static double[][] of(double[][] kernel, int inH, int inW) {
        int kH = kernel.length;
        int kW = kernel[0].length;
        if (inH < kH || inW < kW) {
            throw new IllegalArgumentException("input " + inH + "x" + inW + " smaller than kernel " + kH + "x" + kW);
        }
        int outH = inH - kH + 1;
        int outW = inW - kW + 1;
        double[][] c = new double[outH * outW][inH * inW];
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                for (int a = 0; a < kH; a++) {
                    if (kernel[a].length != kW) {
                        throw new IllegalArgumentException(
                                "kernel row " + a + " has " + kernel[a].length + " values, expected " + kW);
                    }
                    for (int b = 0; b < kW; b++) {
                        c[i * outW + j][(i + a) * inW + (j + b)] = kernel[a][b];
                    }
                }
            }
        }
        return c;
    }

    /** @return c . v */
    public static double[] multiply(double[][] c, double[] v) {
        double[] out = new double[c.length];
        for (int r = 0; r < c.length; r++) {
            if (c[r].length != v.length) {
                throw new IllegalArgumentException("matrix has " + c[r].length + " columns, vector " + v.length);
            }
            double s = 0;
            for (int k = 0; k < v.length; k++) {
                s += c[r][k] * v[k];
            }
            out[r] = s;
        }
        return out;
    }

    /** @return c^T . v */
    public static double[] multiplyTransposed(double[][] c, double[] v) {
        if (c.length != v.length) {
            throw new IllegalArgumentException("matrix has " + c.length + " rows, vector " + v.length);
        }
        double[] out = new double[c[0].length];
        for (int r = 0; r < c.length; r++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += c[r][k] * v[r];
            }
        }
        return out;
    }
}
