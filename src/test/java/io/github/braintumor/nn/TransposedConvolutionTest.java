package io.github.braintumor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

class TransposedConvolutionTest extends NnTestSupport {

    static final float[] KERNEL = {1, 4, 1, 1, 4, 3, 3, 3, 1};
    static final double[][] KERNEL_2D = {{1, 4, 1}, {1, 4, 3}, {3, 3, 1}};
    static final float[] SMALL = {2, 1, 4, 4};
    static final float[] SMALL_TRANSPOSED = {2, 9, 6, 1, 6, 29, 30, 7, 10, 29, 33, 13, 12, 24, 16, 4};
    static final float[] BIG = {4, 5, 8, 7, 1, 8, 8, 8, 3, 6, 6, 4, 6, 5, 7, 8};
    static final float[] BIG_CONVOLVED = {122, 148, 126, 134};

    @Test
    void workedExampleTransposed() {
        NDArray x = manager.create(SMALL, new Shape(1, 1, 2, 2));
        NDArray w = manager.create(KERNEL, new Shape(1, 1, 3, 3));
        NDArray y = TransposedConvolution.general(x, w, null, 1, 0);
        assertEquals(new Shape(1, 1, 4, 4), y.getShape());
        assertArrayEquals(SMALL_TRANSPOSED, y.toFloatArray(), 1e-5f);
    }

    @Test
    void forwardConvolutionIsCrossCorrelation() {
        NDArray x = manager.create(BIG, new Shape(1, 1, 4, 4));
        NDArray w = manager.create(KERNEL, new Shape(1, 1, 3, 3));
        NDArray y = Conv2d.conv2d(x, w).singletonOrThrow();
        assertArrayEquals(BIG_CONVOLVED, y.toFloatArray(), 1e-4f);
    }

    @Test
    void convolutionMatrixAndItsTranspose() {
        double[][] c = ConvolutionMatrix.of(KERNEL_2D, 4, 4);
        assertEquals(4, c.length);
        assertEquals(16, c[0].length);
        assertArrayEquals(toDouble(BIG_CONVOLVED), ConvolutionMatrix.multiply(c, toDouble(BIG)), 1e-9);
        assertArrayEquals(toDouble(SMALL_TRANSPOSED), ConvolutionMatrix.multiplyTransposed(c, toDouble(SMALL)), 1e-9);
        // and the NDArray transposed convolution equals C^T . vec(y)
        NDArray y = TransposedConvolution.general(
                manager.create(SMALL, new Shape(1, 1, 2, 2)), manager.create(KERNEL, new Shape(1, 1, 3, 3)), 1, 0);
        assertArrayEquals(toDouble(y.toFloatArray()), ConvolutionMatrix.multiplyTransposed(c, toDouble(SMALL)), 1e-5);
    }

    @Test
    void adjointOfConvolutionWithChannelsStrideAndPadding() {
        int stride = 2;
        int padding = 1;
        // conv: (2, 3, 7, 7) with weight (Cout=4, Cin=3, 3, 3) -> (2, 4, 4, 4)
        NDArray x = manager.randomNormal(new Shape(2, 3, 7, 7));
        NDArray w = manager.randomNormal(new Shape(4, 3, 3, 3));
        NDArray y = manager.randomNormal(new Shape(2, 4, 4, 4));
        NDArray cx = Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(padding, padding))
                .singletonOrThrow();
        assertEquals(y.getShape(), cx.getShape());
        // convT uses the same weight read as (Cin=4, Cout=3, 3, 3): (4 -> 3 channels), size (4-1)*2-2+3 = 7
        NDArray cty = TransposedConvolution.general(y, w, null, stride, padding);
        assertEquals(x.getShape(), cty.getShape());
        double left = cx.mul(y).sum().toType(DataType.FLOAT64, false).getDouble();
        double right = x.mul(cty).sum().toType(DataType.FLOAT64, false).getDouble();
        assertEquals(left, right, 1e-3 * Math.max(1, Math.abs(left)));
    }

    @Test
    void kernel2Stride2MatchesGeneral() {
        NDArray x = manager.randomNormal(new Shape(2, 5, 3, 4));
        NDArray w = manager.randomNormal(new Shape(5, 6, 2, 2));
        NDArray b = manager.randomNormal(new Shape(6));
        NDArray fast = TransposedConvolution.kernel2Stride2(x, w, b);
        NDArray general = TransposedConvolution.general(x, w, b, 2, 0);
        assertEquals(new Shape(2, 6, 6, 8), fast.getShape());
        assertEquals(general.getShape(), fast.getShape());
        assertArrayEquals(general.toFloatArray(), fast.toFloatArray(), 1e-5f);
    }

    @Test
    void generalWithLargePaddingCrops() {
        // k = 2, p = 1 > k - 1 = ... k-1-p = 0; k = 1, p = 1 -> negative, i.e. cropping
        NDArray x = manager.randomNormal(new Shape(1, 2, 4, 4));
        NDArray w = manager.randomNormal(new Shape(2, 3, 1, 1));
        NDArray y = TransposedConvolution.general(x, w, null, 1, 1);
        assertEquals(new Shape(1, 3, 2, 2), y.getShape());
        NDArray full = TransposedConvolution.general(x, w, null, 1, 0);
        assertArrayEquals(full.get(":, :, 1:3, 1:3").toFloatArray(), y.toFloatArray(), 1e-5f);
    }

    @Test
    void outputSizeFormula() {
        assertEquals(4, TransposedConvolution.outputSize(2, 3, 1, 0));
        assertEquals(7, TransposedConvolution.outputSize(4, 3, 2, 1));
        assertEquals(32, TransposedConvolution.outputSize(16, 2, 2, 0));
    }

    @Test
    void rejectsChannelMismatch() {
        NDArray x = manager.zeros(new Shape(1, 2, 3, 3));
        NDArray w = manager.zeros(new Shape(3, 1, 3, 3));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TransposedConvolution.general(x, w, 1, 0));
        assertEquals(true, e.getMessage().contains("channels"));
    }

    @Test
    void weightOpsDoNotLeakIntoWeightManager() {
        try (NDManager model = manager.newSubManager();
                NDManager batch = manager.newSubManager()) {
            NDArray w = model.randomNormal(new Shape(3, 2, 3, 3));
            NDArray b = model.randomNormal(new Shape(2));
            int before = model.getManagedArrays().size();
            NDArray x = batch.randomNormal(new Shape(1, 3, 4, 4));
            TransposedConvolution.general(x, w, b, 2, 1);
            TransposedConvolution.kernel2Stride2(x, model.randomNormal(new Shape(3, 2, 2, 2)), b);
            assertEquals(before + 1, model.getManagedArrays().size()); // only the extra weight made above
        }
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
