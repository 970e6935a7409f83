package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.nn.Losses;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.nn.UNetBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UNetTrainingGraphTest {

    /** What one training step leaves behind: the loss, every parameter's gradient, the new running statistics. */
    private record Step(double loss, List<float[]> gradients, List<float[]> runningStatistics) {}

    private static Step step(
            Trainer trainer, UNetBlock unet, NDArray x, NDArray y, Function<NDArray, NDArray> forward) {
        List<float[]> before = new ArrayList<>();
        for (Pair<String, Parameter> p : unet.getParameters())
            before.add(p.getValue().getArray().toFloatArray());
        double loss;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            gc.zeroGradients();
            NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(forward.apply(x)));
            gc.backward(l);
            loss = l.getFloat();
        }
        List<float[]> gradients = new ArrayList<>();
        List<float[]> running = new ArrayList<>();
        int i = 0;
        for (Pair<String, Parameter> p : unet.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (p.getValue().requiresGradient()) {
                gradients.add(a.getGradient().toFloatArray());
            } else {
                running.add(a.toFloatArray());
                a.set(before.get(i)); // the next step starts from the same statistics
            }
            i++;
        }
        return new Step(loss, gradients, running);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void float32GraphGivesTheBlocksOwnLossGradientsAndRunningStatistics(int depth) {
        compare(depth, false, (eager, graph) -> {
            assertEquals(eager.loss(), graph.loss(), 1e-5 * Math.abs(eager.loss()), "loss");
            for (int k = 0; k < eager.gradients().size(); k++) {
                assertClose(eager.gradients().get(k), graph.gradients().get(k), 1e-4, "gradient " + k);
            }
            for (int k = 0; k < eager.runningStatistics().size(); k++) {
                assertClose(
                        eager.runningStatistics().get(k),
                        graph.runningStatistics().get(k),
                        1e-5,
                        "running " + k);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void bfloat16GraphFollowsTheFloat32Step(int depth) {
        compare(depth, true, (eager, graph) -> {
            assertEquals(eager.loss(), graph.loss(), 0.02 * Math.abs(eager.loss()), "loss");
            // bfloat16 keeps 8 bits of mantissa: on this tiny net (4 features, 16x16) the whole gradient points
            // the same way
            double dot = 0, a2 = 0, b2 = 0;
            for (int k = 0; k < eager.gradients().size(); k++) {
                float[] a = eager.gradients().get(k);
                float[] b = graph.gradients().get(k);
                for (int j = 0; j < a.length; j++) {
                    dot += (double) a[j] * b[j];
                    a2 += (double) a[j] * a[j];
                    b2 += (double) b[j] * b[j];
                }
            }
            double cosine = dot / Math.sqrt(a2 * b2);
            assertTrue(cosine > 0.95, "cosine of the gradients " + cosine); // 0.97 measured; a wrong gradient is near 0
            for (int k = 0; k < eager.runningStatistics().size(); k++) {
                assertClose(
                        eager.runningStatistics().get(k),
                        graph.runningStatistics().get(k),
                        0.02,
                        "running " + k);
            }
        });
    }

    private static void compare(int depth, boolean bfloat16, BiConsumer<Step, Step> check) {
        DjlEngine.start();
        DjlEngine.seed(7);
        Shape in = new Shape(2, 3, 16, 16);
        try (Model model = Model.newInstance("graph-test", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            UNetBlock unet =
                    (UNetBlock) UNet.builder().optFeatures(4).optDepth(depth).build();
            model.setBlock(unet);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Losses.bceDice()));
                    NDManager m = trainer.getManager().newSubManager()) {
                trainer.initialize(in);
                Random rng = new Random(depth);
                float[] xv = new float[(int) in.size()];
                for (int i = 0; i < xv.length; i++) xv[i] = (float) rng.nextGaussian();
                float[] yv = new float[2 * 16 * 16];
                for (int i = 0; i < yv.length; i++) yv[i] = rng.nextDouble() < 0.2 ? 1 : 0;
                NDArray x = ChannelsLast.batch(m, xv, in);
                NDArray y = m.create(yv, new Shape(2, 1, 16, 16));
                Step eager = step(
                        trainer, unet, x, y, a -> trainer.forward(new NDList(a)).singletonOrThrow());
                UNetTrainingGraph graph = UNetTrainingGraph.of(unet, bfloat16);
                Step mine = step(trainer, unet, x, y, graph::forward);
                assertEquals(eager.gradients().size(), mine.gradients().size());
                check.accept(eager, mine);
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(scale, 1e-6), what + " [" + i + "]");
        }
    }
}
