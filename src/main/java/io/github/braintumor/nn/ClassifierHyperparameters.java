package io.github.braintumor.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Hyperparameters of {@link SliceClassifierNet}, as searched by the study (see {@link SearchSpace}).
 *
 * <pre>{@code
 * ClassifierHyperparameters hp = ClassifierHyperparameters.of(new double[] {0.1, 0.1, 0.2, 0.2, 0.3},
 *         416, DenseActivation.RELU, 1e-3);
 * Map<String, Object> json = hp.toMap();   // drop_1..drop_5, units_1, dense_activation, learn_rate, ...
 * ClassifierHyperparameters back = ClassifierHyperparameters.fromMap(json);
 * }</pre>
 *
 * @param dropouts five dropout rates after the five convolution blocks, each in [0, 0.5]
 * @param denseUnits hidden dense units, 32..512, a multiple of 32
 * @param denseActivation activation of the hidden dense layer
 * @param learningRate Adam learning rate, in (0, 1]
 * @param baseFilters filters of the first conv block, doubled per block (16 -> 16, 32, 64, 128, 256)
 * @param inputSize side of the square input slices, a multiple of 32 (five poolings), &gt;= 32
 * @param denseDropout dropout after the hidden dense layer, in [0, 1) (the study's Keras model: 0.5)
 */
public record ClassifierHyperparameters(
        double[] dropouts,
        int denseUnits,
        DenseActivation denseActivation,
        double learningRate,
        int baseFilters,
        int inputSize,
        double denseDropout) {

    public static final int BLOCKS = 5;
    public static final double MAX_DROPOUT = 0.5;
    public static final int UNITS_MIN = 32;
    public static final int UNITS_MAX = 512;
    public static final int UNITS_STEP = 32;
    /** Largest input side: the slices are 256x256; 16384 would ask for gigabytes per batch. */
    public static final int MAX_INPUT_SIZE = 1024;

    public static final int DEFAULT_BASE_FILTERS = 16;
    public static final int DEFAULT_INPUT_SIZE = 256;
    public static final double DEFAULT_DENSE_DROPOUT = 0.5;

    public ClassifierHyperparameters {
        if (dropouts == null || dropouts.length != BLOCKS) {
            throw new IllegalArgumentException("dropouts must have " + BLOCKS + " values, got "
                    + (dropouts == null ? "null" : Arrays.toString(dropouts)));
        }
        dropouts = dropouts.clone();
        for (int i = 0; i < BLOCKS; i++) {
            if (!(dropouts[i] >= 0 && dropouts[i] <= MAX_DROPOUT)) {
                throw new IllegalArgumentException(
                        "drop_" + (i + 1) + " must be in [0, " + MAX_DROPOUT + "], got " + dropouts[i]);
            }
        }
        if (denseUnits < UNITS_MIN || denseUnits > UNITS_MAX || denseUnits % UNITS_STEP != 0) {
            throw new IllegalArgumentException("units_1 must be " + UNITS_MIN + ".." + UNITS_MAX + " in steps of "
                    + UNITS_STEP + ", got " + denseUnits);
        }
        if (denseActivation == null) {
            throw new IllegalArgumentException("dense_activation must be relu or sigmoid, got null");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learn_rate must be in (0, 1], got " + learningRate);
        }
        if (baseFilters < 1 || baseFilters > 256) {
            throw new IllegalArgumentException("base_filters must be 1..256, got " + baseFilters);
        }
        if (inputSize < 32 || inputSize > MAX_INPUT_SIZE || inputSize % 32 != 0) {
            throw new IllegalArgumentException("input_size must be a multiple of 32 (five 2x poolings) up to "
                    + MAX_INPUT_SIZE + ", got " + inputSize);
        }
        if (!(denseDropout >= 0 && denseDropout < 1)) {
            throw new IllegalArgumentException("dense_dropout must be in [0, 1), got " + denseDropout);
        }
    }

    /** The searched four with defaults for the rest (base filters 16, input 256, dense dropout 0.5). */
    public static ClassifierHyperparameters of(
            double[] dropouts, int denseUnits, DenseActivation activation, double learningRate) {
        return new ClassifierHyperparameters(
                dropouts,
                denseUnits,
                activation,
                learningRate,
                DEFAULT_BASE_FILTERS,
                DEFAULT_INPUT_SIZE,
                DEFAULT_DENSE_DROPOUT);
    }

    /** The peer baseline: dropouts 0.1, 416 ReLU units, learning rate 1e-3. */
    public static ClassifierHyperparameters defaults() {
        return of(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, 416, DenseActivation.RELU, 1e-3);
    }

    @Override
    public double[] dropouts() {
        return dropouts.clone();
    }

    /** @param block 1..5 */
    public double dropout(int block) {
        return dropouts[block - 1];
    }

    public ClassifierHyperparameters withInputSize(int size) {
        return new ClassifierHyperparameters(
                dropouts, denseUnits, denseActivation, learningRate, baseFilters, size, denseDropout);
    }

    public ClassifierHyperparameters withBaseFilters(int filters) {
        return new ClassifierHyperparameters(
                dropouts, denseUnits, denseActivation, learningRate, filters, inputSize, denseDropout);
    }

    public ClassifierHyperparameters withLearningRate(double rate) {
        return new ClassifierHyperparameters(
                dropouts, denseUnits, denseActivation, rate, baseFilters, inputSize, denseDropout);
    }

    /**
     * @return insertion-ordered map for JSON: drop_1..drop_5, units_1, dense_activation ("relu"/"sigmoid"),
     *     learn_rate, base_filters, input_size, dense_dropout
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < BLOCKS; i++) {
            m.put("drop_" + (i + 1), dropouts[i]);
        }
        m.put("units_1", denseUnits);
        m.put("dense_activation", denseActivation.id());
        m.put("learn_rate", learningRate);
        m.put("base_filters", baseFilters);
        m.put("input_size", inputSize);
        m.put("dense_dropout", denseDropout);
        return m;
    }

    /**
     * Reads {@link #toMap()}'s keys; numbers may be any {@link Number} or numeric string (Gson gives doubles).
     * base_filters, input_size and dense_dropout are optional (defaults).
     *
     * @throws IllegalArgumentException naming a missing or bad key
     */
    public static ClassifierHyperparameters fromMap(Map<String, ?> m) {
        double[] d = new double[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            d[i] = number(m, "drop_" + (i + 1), null);
        }
        Object act = m.get("dense_activation");
        if (act == null) {
            throw new IllegalArgumentException("hyperparameters: key 'dense_activation' missing (relu or sigmoid)");
        }
        return new ClassifierHyperparameters(
                d,
                integer(m, "units_1", null),
                DenseActivation.fromId(act.toString()),
                number(m, "learn_rate", null),
                integer(m, "base_filters", DEFAULT_BASE_FILTERS),
                integer(m, "input_size", DEFAULT_INPUT_SIZE),
                number(m, "dense_dropout", DEFAULT_DENSE_DROPOUT));
    }

    private static double number(Map<String, ?> m, String key, Double fallback) {
        Object v = m.get(key);
        if (v == null) {
            if (fallback != null) {
                return fallback;
            }
            throw new IllegalArgumentException("hyperparameters: key '" + key + "' missing");
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameters: '" + key + "' is not a number: " + v, e);
        }
    }

    private static int integer(Map<String, ?> m, String key, Integer fallback) {
        double v = number(m, key, fallback == null ? null : fallback.doubleValue());
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("hyperparameters: '" + key + "' must be a whole number, got " + v);
        }
        return (int) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassifierHyperparameters h
                && Arrays.equals(dropouts, h.dropouts)
                && denseUnits == h.denseUnits
                && denseActivation == h.denseActivation
                && Double.compare(learningRate, h.learningRate) == 0
                && baseFilters == h.baseFilters
                && inputSize == h.inputSize
                && Double.compare(denseDropout, h.denseDropout) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dropouts)
                + Objects.hash(denseUnits, denseActivation, learningRate, baseFilters, inputSize, denseDropout);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClassifierHyperparameters%s", toMap());
    }
}
