package io.github.braintumor.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.NativeMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

class UNetTest extends NnTestSupport {

    @Test
    void features32HasTheStudysParameterCount() {
        UNetBlock unet = UNet.builder()
                .optInChannels(3)
                .optOutChannels(1)
                .optFeatures(32)
                .optDepth(4)
                .build();
        unet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
        assertEquals(UNet.PARAMETERS_FEATURES_32, Blocks.countTrainableParameters(unet));
        assertEquals(7_763_041L, Blocks.countTrainableParameters(unet));
        // BatchNorm running statistics: 2 per BN channel, 18 BN layers
        long bnChannels = 2L * 32 * (1 + 2 + 4 + 8 + 16 + 8 + 4 + 2 + 1);
        assertEquals(7_763_041L + 2 * bnChannels, Blocks.countAllParameters(unet));
        assertEquals(new Shape(1, 1, 64, 64), unet.getOutputShapes(new Shape[] {new Shape(1, 3, 64, 64)})[0]);
    }

    @Test
    void childNamesFollowPyTorchModules() {
        UNetBlock unet = UNet.builder().build();
        List<String> names = unet.getChildren().keys();
        assertEquals(
                List.of(
                        "01encoder1",
                        "02encoder2",
                        "03encoder3",
                        "04encoder4",
                        "05bottleneck",
                        "06upconv4",
                        "07decoder4",
                        "08upconv3",
                        "09decoder3",
                        "10upconv2",
                        "11decoder2",
                        "12upconv1",
                        "13decoder1",
                        "14conv"),
                names);
    }

    @Test
    void forwardSmallInferenceAndTraining() {
        UNetBlock unet = UNet.builder().optFeatures(4).build();
        Shape in = new Shape(1, 3, 32, 32);
        unet.initialize(manager, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(manager, false);
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.randomNormal(in);
            NDArray y = unet.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(1, 1, 32, 32), y.getShape());
            assertTrue(batch == y.getManager(), "output must be in the input's manager");
            // inference keeps no intermediates: input + output only
            assertEquals(2, NativeMemory.liveArrays(batch));
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray loss = Losses.bceDice()
                        .evaluate(
                                new NDList(batch.zeros(new Shape(1, 1, 32, 32))),
                                unet.forward(ps, new NDList(x), true));
                gc.backward(loss);
            }
            NDArray g = unet.getParameters().get("06upconv4_weight").getArray().getGradient();
            assertTrue(g.abs().sum().getFloat() > 0, "upconv weight gradient is zero");
        }
    }

    @Test
    void channelsLastBatchesGiveTheSameOutputAndGradients() {
        Shape in = new Shape(2, 3, 16, 16);
        float[] v = new float[(int) in.size()];
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
        UNetBlock unet = UNet.builder().optFeatures(4).optDepth(2).build();
        unet.initialize(manager, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(manager, false);
        float[][] outputs = new float[2][];
        for (int layout = 0; layout < 2; layout++) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = layout == 0 ? batch.create(v, in) : ChannelsLast.create(batch, v, in);
                outputs[layout] = unet.forward(ps, new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();
            }
        }
        for (int i = 0; i < outputs[0].length; i++) assertEquals(outputs[0][i], outputs[1][i], 1e-4f, "output " + i);
        // Gradients in float64: through training-mode BatchNorm a float32 gradient of this small net is mostly
        // rounding (two float32 runs of the same layout differ), so only float64 can tell the layouts apart.
        UNetBlock wide = UNet.builder().optFeatures(4).optDepth(2).build();
        wide.initialize(manager, DataType.FLOAT64, in);
        double[][] gradients = new double[2][];
        for (int layout = 0; layout < 2; layout++) {
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = (layout == 0 ? batch.create(v, in) : ChannelsLast.create(batch, v, in))
                        .toType(DataType.FLOAT64, false);
                List<NDArray> trained = wide.getParameters().values().stream()
                        .map(p -> p.getArray())
                        .filter(NDArray::hasGradient)
                        .toList();
                try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                    gc.zeroGradients(); // libtorch accumulates gradients
                    gc.backward(wide.forward(ps, new NDList(x), true)
                            .singletonOrThrow()
                            .square()
                            .mean());
                }
                gradients[layout] = trained.stream()
                        .flatMapToDouble(
                                a -> java.util.Arrays.stream(a.getGradient().toDoubleArray()))
                        .toArray();
            }
        }
        assertTrue(gradients[0].length > 1000, "gradients of every trained weight");
        for (int i = 0; i < gradients[0].length; i++) {
            assertEquals(gradients[0][i], gradients[1][i], 1e-9 * (1 + Math.abs(gradients[0][i])), "gradient " + i);
        }
    }

    @Test
    void parameterArraysDoNotGrowAcrossForwards() {
        UNetBlock unet = UNet.builder().optFeatures(2).optDepth(2).build();
        Shape in = new Shape(1, 3, 8, 8);
        unet.initialize(manager, DataType.FLOAT32, in);
        ParameterStore ps = new ParameterStore(manager, false);
        int before = NativeMemory.liveArrays(manager);
        for (int i = 0; i < 3; i++) {
            try (NDManager batch = manager.newSubManager()) {
                unet.forward(ps, new NDList(batch.randomNormal(in)), i % 2 == 0);
            }
        }
        assertEquals(before, NativeMemory.liveArrays(manager));
    }

    @Test
    void parametersSaveAndLoadBitIdentical() throws Exception {
        Shape in = new Shape(1, 3, 8, 8);
        UNetBlock a = UNet.builder().optFeatures(2).optDepth(2).build();
        a.initialize(manager, DataType.FLOAT32, in);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.saveParameters(new java.io.DataOutputStream(bytes));
        DjlEngine.seed(7); // different initial weights, then overwritten by the load
        UNetBlock b = UNet.builder().optFeatures(2).optDepth(2).build();
        b.initialize(manager, DataType.FLOAT32, in);
        b.loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = manager.randomNormal(in);
        assertEquals(
                java.util.Arrays.toString(
                        a.forward(ps, new NDList(x), false).head().toFloatArray()),
                java.util.Arrays.toString(
                        b.forward(ps, new NDList(x), false).head().toFloatArray()));
    }

    @Test
    void rejectsSizeNotDivisible() {
        UNetBlock unet = UNet.builder().optFeatures(2).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> unet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 24, 24)));
        assertTrue(e.getMessage().contains("divisible by 16"), e.getMessage());
    }
}
