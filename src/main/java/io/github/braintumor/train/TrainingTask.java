package io.github.braintumor.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.ModelInfo;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * What differs between segmentation and classification training; {@link TrainingLoop} does the rest.
 */
interface TrainingTask {

    /** Validation outcome: higher {@code metric} is better, {@code tiebreak} decides equal metrics. */
    record Validation(double loss, double metric, double tiebreak, Map<String, Double> metrics) {
        boolean betterThan(Validation other) {
            return other == null || metric > other.metric || (metric == other.metric && tiebreak > other.tiebreak);
        }
    }

    /** Name of the validation metric, e.g. "dice_3d_mean" or "accuracy". */
    String metricName();

    /** Model description without weights, training data or metrics. */
    ModelInfo.Builder describe() throws LggDataException;

    /** A fresh, uninitialised block. */
    Block newBlock();

    /** Input shape for {@code Trainer.initialize}. */
    Shape inputShape(int batchSize);

    Loss loss();

    /** Default tumour-sampling probability at the first and the last epoch when the config leaves it open. */
    double[] defaultTumourFraction();

    /** Number of training slices (default samples per epoch). */
    int trainingSlices();

    /**
     * Builds one training batch in {@code m}: element 0 = data, 1 = labels.
     *
     * @param tumourFraction probability that a sample is drawn from (and centred on) a tumour slice
     */
    NDList[] trainingBatch(NDManager m, int size, double tumourFraction, Random rng) throws LggDataException;

    /**
     * Chooses the number format of the training steps.
     *
     * @param wanted float32 or bfloat16 (resolved for the device)
     * @return what this task will train in: {@code wanted} where it can, else float32
     */
    default Precision trainIn(Precision wanted) {
        return Precision.FLOAT32;
    }

    /** The training forward of a batch, in the format {@link #trainIn} chose; by default the block's own. */
    default NDList trainingForward(Trainer trainer, NDList batch) {
        return trainer.forward(batch);
    }

    /** Validation of {@code block} (evaluation mode), batches in sub-managers of {@code m}. */
    Validation validate(Block block, NDManager m, BooleanSupplier cancel) throws LggDataException;
}
