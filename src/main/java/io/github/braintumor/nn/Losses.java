package io.github.braintumor.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Losses on logits (the networks end without sigmoid): binary cross-entropy, soft Dice, and their sum.
 * Both {@link Loss} objects for DJL's trainer and plain NDArray functions.
 *
 * <pre>{@code
 * Loss loss = Losses.bceDice();                        // for DefaultTrainingConfig
 * NDArray l = Losses.bceWithLogits(logits, labels);    // scalar, mean over all elements
 * }</pre>
 *
 * <p>DJL's {@code sigmoidBinaryCrossEntropyLoss(..., fromSigmoid=true)} returned -BCE here, hence our own.
 * Labels are reshaped to the prediction's shape when their sizes agree (e.g. (N) labels for (N, 1) logits).
 */
public final class Losses {

    /** Smoothing of {@link #softDice()}, as the study's {@code dice_loss} (smooth = 1). */
    public static final double DICE_SMOOTH = 1.0;

    private Losses() {}

    /** Mean binary cross-entropy on logits. */
    public static Loss bceWithLogits() {
        return new FunctionLoss("BCEWithLogits") {
            @Override
            NDArray compute(NDArray logits, NDArray labels) {
                return bceWithLogits(logits, labels);
            }
        };
    }

    /** 1 - soft Dice of sigmoid(logits) and labels, pooled over the whole batch, smoothing 1. */
    public static Loss softDice() {
        return softDice(DICE_SMOOTH);
    }

    /** Soft Dice loss with the given smoothing (&gt; 0). */
    public static Loss softDice(double smooth) {
        if (!(smooth > 0)) {
            throw new IllegalArgumentException("Dice smoothing must be > 0, got " + smooth);
        }
        return new FunctionLoss("SoftDice") {
            @Override
            NDArray compute(NDArray logits, NDArray labels) {
                return softDice(logits, labels, smooth);
            }
        };
    }

    /** BCE + soft Dice (both means/pooled, summed). */
    public static Loss bceDice() {
        return new FunctionLoss("BCEDice") {
            @Override
            NDArray compute(NDArray logits, NDArray labels) {
                return bceWithLogits(logits, labels).add(softDice(logits, labels, DICE_SMOOTH));
            }
        };
    }

    /**
     * Numerically stable {@code mean(max(x, 0) - x * y + log(1 + exp(-|x|)))}.
     *
     * @return scalar in the logits' manager
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray labels) {
        NDArray y = align(labels, logits);
        return logits.maximum(0f)
                .sub(logits.mul(y))
                .add(logits.abs().neg().exp().add(1f).log())
                .mean();
    }

    /** {@code 1 - (2 * sum(p * y) + smooth) / (sum(p) + sum(y) + smooth)} with {@code p = sigmoid(logits)}. */
    public static NDArray softDice(NDArray logits, NDArray labels, double smooth) {
        NDArray y = align(labels, logits);
        NDArray p = Activation.sigmoid(logits);
        float s = (float) smooth; // a double scalar would turn the loss into float64
        NDArray intersection = p.mul(y).sum().mul(2f).add(s);
        NDArray total = p.sum().add(y.sum()).add(s);
        return intersection.div(total).neg().add(1f);
    }

    private static NDArray align(NDArray labels, NDArray predictions) {
        if (labels.getShape().equals(predictions.getShape())) {
            return labels.toType(predictions.getDataType(), false);
        }
        if (labels.size() != predictions.size()) {
            throw new IllegalArgumentException(
                    "labels " + labels.getShape() + " do not match predictions " + predictions.getShape());
        }
        return labels.reshape(predictions.getShape()).toType(predictions.getDataType(), false);
    }

    /** A DJL Loss over the first label and first prediction. */
    private abstract static class FunctionLoss extends Loss {
        FunctionLoss(String name) {
            super(name);
        }

        abstract NDArray compute(NDArray logits, NDArray labels);

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return compute(predictions.head(), labels.head());
        }
    }
}
