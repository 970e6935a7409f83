package io.github.braintumor.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class LossesTest extends NnTestSupport {

    private float loss(Loss loss, float[] logits, float[] labels) {
        return loss.evaluate(new NDList(manager.create(labels)), new NDList(manager.create(logits)))
                .getFloat();
    }

    @Test
    void bceHandComputed() {
        assertEquals(Math.log(2), loss(Losses.bceWithLogits(), new float[] {0}, new float[] {1}), 1e-6);
        assertEquals(Math.log(2), loss(Losses.bceWithLogits(), new float[] {0}, new float[] {0}), 1e-6);
        // logit 2, label 1: log(1 + e^-2); logit 2, label 0: 2 + log(1 + e^-2)
        double a = Math.log1p(Math.exp(-2));
        assertEquals((a + 2 + a) / 2, loss(Losses.bceWithLogits(), new float[] {2, 2}, new float[] {1, 0}), 1e-6);
    }

    @Test
    void bceIsStableForHugeLogits() {
        float l = loss(Losses.bceWithLogits(), new float[] {1000, -1000}, new float[] {1, 0});
        assertEquals(0f, l, 1e-6f);
        float wrong = loss(Losses.bceWithLogits(), new float[] {1000, -1000}, new float[] {0, 1});
        assertEquals(1000f, wrong, 1e-3f);
    }

    @Test
    void bceMatchesDjlOnLogits() {
        NDArray logits = manager.randomNormal(0, 3, new Shape(4, 1, 5, 5), DataType.FLOAT32);
        NDArray labels =
                manager.randomUniform(0, 1, new Shape(4, 1, 5, 5)).gt(0.5f).toType(DataType.FLOAT32, false);
        float ours = Losses.bceWithLogits(logits, labels).getFloat();
        float djl = Loss.sigmoidBinaryCrossEntropyLoss("bce", 1, false)
                .evaluate(new NDList(labels), new NDList(logits))
                .getFloat();
        assertTrue(ours > 0, "BCE must be positive, got " + ours);
        assertEquals(djl, ours, 1e-5f);
    }

    @Test
    void labelsShapedNAreAlignedToNBy1() {
        NDArray logits = manager.create(new float[] {0, 0}, new Shape(2, 1));
        NDArray labels = manager.create(new float[] {1, 0});
        assertEquals(Math.log(2), Losses.bceWithLogits(logits, labels).getFloat(), 1e-6);
    }

    @Test
    void diceZeroForPerfectAndNearOneForDisjoint() {
        float[] truth = new float[64];
        float[] perfect = new float[64];
        float[] disjoint = new float[64];
        for (int i = 0; i < 64; i++) {
            truth[i] = i < 32 ? 1 : 0;
            perfect[i] = i < 32 ? 50 : -50;
            disjoint[i] = -perfect[i];
        }
        assertEquals(0f, loss(Losses.softDice(), perfect, truth), 1e-6f);
        // 1 - 1 / (32 + 32 + 1)
        assertEquals(1 - 1.0 / 65, loss(Losses.softDice(), disjoint, truth), 1e-5);
        // half-confident (logit 0 everywhere): 1 - (2*16 + 1) / (32 + 32 + 1)
        assertEquals(1 - 33.0 / 65, loss(Losses.softDice(), new float[64], truth), 1e-5);
    }

    @Test
    void bceDiceIsTheSum() {
        float[] logits = {0.5f, -1, 2, -3};
        float[] labels = {1, 0, 0, 1};
        float sum = loss(Losses.bceWithLogits(), logits, labels) + loss(Losses.softDice(), logits, labels);
        assertEquals(sum, loss(Losses.bceDice(), logits, labels), 1e-6f);
        NDArray l = Losses.bceDice().evaluate(new NDList(manager.create(labels)), new NDList(manager.create(logits)));
        assertEquals(DataType.FLOAT32, l.getDataType());
        assertEquals(new Shape(), l.getShape());
    }
}
