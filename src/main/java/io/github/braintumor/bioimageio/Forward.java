package io.github.braintumor.bioimageio;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.model.BundleException;

/** One forward pass as a bioimage.io consumer makes it: preprocessing, the network, the sigmoid (test tensors). */
final class Forward {
    private Forward() {}

    /**
     * @param raw    a (1, 3, H, W) tensor before preprocessing, C order
     * @param logits whether the network's output still needs the sigmoid
     * @return the output after postprocessing, C order
     */
    static float[] probabilities(Model model, float[] raw, long[] shape, String normalization, boolean logits)
            throws BundleException {
        float[] input = raw.clone();
        Normalization.fromId(normalization).normalizeBatch(input, (int) shape[0], (int) shape[1]);
        try (NDManager sub = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
            NDArray y =
                    p.predict(new NDList(sub.create(input, new Shape(shape)))).singletonOrThrow();
            if (logits) y = Activation.sigmoid(y);
            return y.toType(DataType.FLOAT32, false).toFloatArray();
        } catch (TranslateException | RuntimeException e) {
            throw new BundleException("The model cannot run a " + new Shape(shape) + " input: " + e.getMessage(), e);
        }
    }

    /** @return the largest absolute difference of two outputs; infinite when their sizes differ */
    static double maxDifference(float[] a, float[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }
}
