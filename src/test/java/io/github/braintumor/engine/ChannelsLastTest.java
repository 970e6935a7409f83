package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelsLastTest {
    private static PtSymbolBlock isChannelsLast;
    private static NDManager modules;

    @BeforeAll
    static void start() throws Exception {
        DjlEngine.start();
        modules = NDManager.newBaseManager();
        // asks libtorch itself for the storage order: 1 where x is stored channels-last (memory format 2)
        isChannelsLast = TorchScripts.compile(
                modules,
                "IsChannelsLast",
                java.util.List.of("x: Tensor"),
                "    return torch.to(torch.tensor([torch.is_contiguous(x, memory_format=2)]), 6)\n");
    }

    @AfterAll
    static void close() {
        modules.close();
    }

    private static boolean storedChannelsLast(NDArray x) {
        NDArray flag = isChannelsLast
                .forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow();
        return flag.getFloat(0) == 1f;
    }

    private static float[] values(int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    @Test
    void holdsTheSameValuesStoredChannelsLast() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, 4, 5);
            float[] v = values(120, 1);
            NDArray standard = m.create(v, shape);
            NDArray cl = ChannelsLast.create(m, v, shape);
            assertEquals(shape, cl.getShape());
            assertArrayEquals(v, cl.toFloatArray());
            assertEquals(standard.getFloat(1, 2, 3, 4), cl.getFloat(1, 2, 3, 4));
            assertTrue(storedChannelsLast(cl));
            assertTrue(!storedChannelsLast(standard));
            assertTrue(storedChannelsLast(ChannelsLast.batch(m, v, shape)), "a CPU batch is channels-last");
            assertTrue(!storedChannelsLast(TorchCasts.toFloat32(cl)), "toFloat32 gives the standard layout back");
            assertTrue(storedChannelsLast(TorchCasts.toBfloat16(cl)), "the cast keeps the layout");
            assertTrue(storedChannelsLast(TorchCasts.toChannelsLast(standard, false)));
            NDArray bias = m.create(new float[] {1, 2, 3});
            assertTrue(TorchCasts.asWeight(standard, false, false) == standard, "nothing to change: the weight itself");
            assertTrue(TorchCasts.asWeight(bias, false, true) == bias, "only kernels go channels-last");
            assertTrue(storedChannelsLast(TorchCasts.asWeight(standard, false, true)));
            assertTrue(storedChannelsLast(TorchCasts.asWeight(standard, true, true)));
            assertArrayEquals(
                    new float[] {1, 2, 3},
                    TorchCasts.toFloat32(TorchCasts.asWeight(bias, true, true)).toFloatArray());
        }
    }

    @Test
    void aConvolutionKeepsTheLayoutAndTheResult() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 8, 16, 16);
            float[] v = values((int) shape.size(), 2);
            NDArray w = m.create(values(16 * 8 * 9, 3), new Shape(16, 8, 3, 3));
            NDArray standard = conv(m.create(v, shape), w);
            NDArray cl = conv(ChannelsLast.create(m, v, shape), TorchCasts.toChannelsLast(w, false));
            assertTrue(storedChannelsLast(cl), "libtorch follows the input's layout");
            float[] a = standard.toFloatArray(), b = cl.toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4f, "value " + i);
        }
    }

    private static NDArray conv(NDArray x, NDArray w) {
        return Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    @Test
    void onlyOnACpuAndOnlyForFourDimensions() {
        assertTrue(ChannelsLast.suits(Device.cpu()));
        assertTrue(!ChannelsLast.suits(Device.gpu()));
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> ChannelsLast.create(m, new float[6], new Shape(2, 3)));
            assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class, () -> ChannelsLast.create(m, new float[5], new Shape(1, 1, 2, 3)));
            assertThrows(IllegalArgumentException.class, () -> TorchCasts.toChannelsLast(m.zeros(new Shape(3)), true));
        }
    }
}
