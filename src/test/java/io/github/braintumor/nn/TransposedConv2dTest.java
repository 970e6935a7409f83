package io.github.braintumor.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class TransposedConv2dTest extends NnTestSupport {

    @Test
    void shapeInferenceAndParameters() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(4)
                .setKernelShape(new Shape(3, 3))
                .optStride(2)
                .optPadding(1)
                .build();
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 5, 6));
        assertEquals(new Shape(2, 4, 9, 11), block.getOutputShapes(new Shape[] {new Shape(2, 3, 5, 6)})[0]);
        assertEquals(
                new Shape(3, 4, 3, 3),
                block.getParameters().get("weight").getArray().getShape());
        assertEquals(new Shape(4), block.getParameters().get("bias").getArray().getShape());
        assertEquals(3 * 4 * 9 + 4, Blocks.countTrainableParameters(block));
        NDArray y = block.forward(
                        new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(new Shape(2, 3, 5, 6))),
                        false)
                .singletonOrThrow();
        assertEquals(new Shape(2, 4, 9, 11), y.getShape());
    }

    @Test
    void fastPathChosenOnlyForKernel2Stride2() {
        assertTrue(TransposedConv2d.builder()
                .setFilters(1)
                .setKernelShape(new Shape(2, 2))
                .optStride(2)
                .build()
                .isKernel2Stride2());
        assertEquals(
                false,
                TransposedConv2d.builder()
                        .setFilters(1)
                        .setKernelShape(new Shape(2, 2))
                        .build()
                        .isKernel2Stride2());
    }

    @Test
    void withoutBiasHasOnlyWeight() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(2)
                .setKernelShape(new Shape(2, 2))
                .optStride(2)
                .optBias(false)
                .build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4, 4));
        assertEquals(3 * 2 * 4, Blocks.countTrainableParameters(block));
        assertEquals(1, block.getParameters().size());
    }

    @Test
    void builderRejectsMissingKernel() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TransposedConv2d.builder().setFilters(2).build());
        assertTrue(e.getMessage().contains("setKernelShape"), e.getMessage());
    }

    @Test
    void gradientsFlowAndMatchFiniteDifference() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(2)
                .setKernelShape(new Shape(3, 3))
                .optStride(2)
                .optPadding(1)
                .build();
        Shape in = new Shape(1, 2, 3, 3);
        block.initialize(manager, DataType.FLOAT32, in);
        Parameter weight = block.getParameters().get("weight");
        NDArray w = weight.getArray();
        NDArray x = manager.randomNormal(in);
        NDArray target = manager.randomNormal(new Shape(1, 2, 5, 5));
        ParameterStore ps = new ParameterStore(manager, false);
        float grad0;
        float[] grad;
        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray loss = block.forward(ps, new NDList(x), true)
                    .singletonOrThrow()
                    .sub(target)
                    .square()
                    .sum();
            gc.backward(loss);
        }
        grad = w.getGradient().toFloatArray();
        grad0 = grad[5];
        boolean anyNonZero = false;
        for (float g : grad) {
            assertTrue(Float.isFinite(g));
            anyNonZero |= g != 0;
        }
        assertTrue(anyNonZero, "weight gradient is all zero");
        // central finite difference on weight element 5, computed with the NDArray function in float64
        NDArray x64 = x.toType(DataType.FLOAT64, false);
        NDArray t64 = target.toType(DataType.FLOAT64, false);
        NDArray b64 = block.getParameters().get("bias").getArray().toType(DataType.FLOAT64, false);
        double[] wd = w.toType(DataType.FLOAT64, false).toDoubleArray();
        double h = 1e-4;
        double[] plus = wd.clone();
        plus[5] += h;
        double[] minus = wd.clone();
        minus[5] -= h;
        double lp = loss64(x64, manager.create(plus, w.getShape()), b64, t64);
        double lm = loss64(x64, manager.create(minus, w.getShape()), b64, t64);
        double numeric = (lp - lm) / (2 * h);
        assertEquals(numeric, grad0, 1e-3 * Math.max(1, Math.abs(numeric)));
    }

    private static double loss64(NDArray x, NDArray w, NDArray b, NDArray target) {
        return TransposedConvolution.general(x, w, b, 2, 1)
                .sub(target)
                .square()
                .sum()
                .getDouble();
    }
}
