package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.NativeMemory;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.nn.UNetBlock;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UNetGraphTest {

    /** A UNet whose BatchNorms have moved off the identity: otherwise folding them would change nothing. */
    private static UNetBlock trainedLooking(NDManager m, int depth, Shape in, Random rng) {
        UNetBlock unet = UNet.builder().optFeatures(4).optDepth(depth).build();
        unet.initialize(m, DataType.FLOAT32, in);
        for (Parameter p : unet.getParameters().values()) {
            if (p.getName().equals("gamma") || p.getName().equals("beta")) {
                NDArray a = p.getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++)
                    v[i] = (float) (p.getName().equals("gamma") ? 0.5 + rng.nextDouble() : rng.nextGaussian() * 0.3);
                a.set(v);
            }
        }
        ParameterStore ps = new ParameterStore(m, false);
        for (int i = 0; i < 3; i++) { // training-mode passes move the running mean and variance
            try (NDManager batch = m.newSubManager()) {
                unet.forward(ps, new NDList(batch.randomNormal(in).mul(2).add(0.5)), true);
            }
        }
        return unet;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void givesTheBlocksOwnForwardWithBatchNormFolded(int depth) {
        DjlEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            Random rng = new Random(depth);
            Shape in = new Shape(2, 3, 16, 16);
            UNetBlock unet = trainedLooking(m, depth, in, rng);
            float[] v = new float[(int) in.size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
            try (NDManager run = m.newSubManager()) {
                float[] eager = unet.forward(new ParameterStore(run, false), new NDList(run.create(v, in)), false)
                        .singletonOrThrow()
                        .toFloatArray();
                int before = NativeMemory.liveArrays(run);
                NDArray x = ChannelsLast.create(run, v, in);
                float[] graph = TorchCasts.toFloat32(
                                UNetGraph.of(unet, run, false).forward(x))
                        .toFloatArray();
                assertTrue(NativeMemory.liveArrays(run) > before, "the run's manager owns the folded weights");
                assertEquals(eager.length, graph.length);
                double spread = 0;
                for (int i = 0; i < eager.length; i++) {
                    assertEquals(eager[i], graph[i], 1e-4f * (1 + Math.abs(eager[i])), "logit " + i);
                    spread = Math.max(spread, Math.abs(eager[i] - eager[0]));
                }
                assertTrue(spread > 1e-3, "a net whose outputs differ, so equality means something");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void codeUsesEveryWeightOnceInOrder(int depth) {
        String code = UNetGraph.code(depth);
        int convs = 2 * (2 * depth + 1); // two per encoder stage, bottleneck and decoder stage
        int weights = 2 * (convs + depth + 1); // (weight, bias) per conv, transposed conv and the head
        for (int i = 0; i < weights; i++) {
            assertEquals(1, code.split("w\\[" + i + "\\]", -1).length - 1, "w[" + i + "] in\n" + code);
        }
        assertTrue(!code.contains("w[" + weights + "]"), code);
        assertEquals(convs, code.split("torch.relu_", -1).length - 1, code);
        assertEquals(depth, code.split("torch.conv_transpose2d", -1).length - 1, code);
        assertTrue(code.strip().endsWith("w[" + (weights - 1) + "])"), code);
    }
}
