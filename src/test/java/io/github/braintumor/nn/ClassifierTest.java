package io.github.braintumor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    @Test
    void searchSpaceSamplesOnTheStudysGrid() {
        Random random = new Random(42);
        Set<Double> seenDropouts = new HashSet<>();
        Set<DenseActivation> seenActivations = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ClassifierHyperparameters hp = SearchSpace.study().sample(random);
            for (double d : hp.dropouts()) {
                assertTrue(d >= 0 && d <= 0.5, "dropout " + d);
                assertEquals(Math.round(d * 20) / 20.0, d, 0.0); // exact multiple of 0.05
                seenDropouts.add(d);
            }
            assertEquals(0, hp.denseUnits() % 32);
            assertTrue(hp.denseUnits() >= 32 && hp.denseUnits() <= 512);
            assertTrue(hp.learningRate() >= 1e-4 && hp.learningRate() <= 1e-2, "lr " + hp.learningRate());
            seenActivations.add(hp.denseActivation());
        }
        assertEquals(11, seenDropouts.size());
        assertEquals(2, seenActivations.size());
        assertEquals(
                SearchSpace.study().sample(new Random(7)), SearchSpace.study().sample(new Random(7)));
    }

    @Test
    void mapRoundTripThroughGson() {
        ClassifierHyperparameters hp = new ClassifierHyperparameters(
                new double[] {0, 0.05, 0.1, 0.45, 0.5}, 96, DenseActivation.SIGMOID, 3.2e-4, 8, 64, 0.25);
        Map<String, Object> map = hp.toMap();
        assertEquals(0.45, map.get("drop_4"));
        assertEquals(96, map.get("units_1"));
        assertEquals("sigmoid", map.get("dense_activation"));
        assertEquals(3.2e-4, map.get("learn_rate"));
        Gson gson = new Gson();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = gson.fromJson(gson.toJson(map), Map.class); // numbers come back as Double
        assertEquals(hp, ClassifierHyperparameters.fromMap(back));
    }

    @Test
    void validationNamesTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ClassifierHyperparameters.of(new double[] {0, 0, 0.6, 0, 0}, 64, DenseActivation.RELU, 1e-3));
        assertTrue(e.getMessage().contains("drop_3"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ClassifierHyperparameters.of(new double[5], 100, DenseActivation.RELU, 1e-3));
        assertTrue(e.getMessage().contains("units_1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassifierHyperparameters.fromMap(Map.of("x", 1)));
        assertTrue(e.getMessage().contains("drop_1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DenseActivation.fromId("tanh"));
        assertTrue(e.getMessage().contains("relu or sigmoid"), e.getMessage());
    }

    @Test
    void dropoutsAreCopied() {
        double[] d = {0.1, 0.1, 0.1, 0.1, 0.1};
        ClassifierHyperparameters hp = ClassifierHyperparameters.of(d, 64, DenseActivation.RELU, 1e-3);
        d[0] = 0.4;
        hp.dropouts()[1] = 0.4;
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, hp.dropouts(), 0.0);
    }

    @Test
    void networkGivesOneLogitPerSlice() {
        DjlEngine.start(EngineOptions.builder().optThreads(1).build());
        DjlEngine.seed(42);
        ClassifierHyperparameters hp = ClassifierHyperparameters.of(
                        new double[] {0.1, 0.1, 0.2, 0.2, 0.3}, 64, DenseActivation.SIGMOID, 1e-3)
                .withBaseFilters(4)
                .withInputSize(32);
        SequentialBlock net = SliceClassifierNet.build(hp, 3);
        Shape in = SliceClassifierNet.inputShape(hp, 3, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, in);
            assertEquals(new Shape(2, 1), net.getOutputShapes(new Shape[] {in})[0]);
            // conv: 3*4*9+4, 4*8*9+8, 8*16*9+16, 16*32*9+32, 32*64*9+64; flatten 64*1*1 -> 64 units -> 1
            long conv = (3 * 4 * 9 + 4) + (4 * 8 * 9 + 8) + (8 * 16 * 9 + 16) + (16 * 32 * 9 + 32) + (32 * 64 * 9 + 64);
            assertEquals(conv + (64 * 64 + 64) + (64 + 1), Blocks.countTrainableParameters(net));
            NDArray y = net.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(in)), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 1), y.getShape());
            assertNotEquals(y.getFloat(0, 0), y.getFloat(1, 0));
        }
    }
}
