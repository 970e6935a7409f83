package io.github.braintumor.nn;

import java.util.Random;

/**
 * The study's random-search space for {@link ClassifierHyperparameters}: drop_1..drop_5 in [0, 0.5] in steps of
 * 0.05, units_1 in 32..512 in steps of 32, dense activation relu or sigmoid, learning rate log-uniform in
 * [1e-4, 1e-2]. The components fixed during a search (base filters, input size, dense dropout) are this record's.
 *
 * <pre>{@code
 * Random random = new Random(42);
 * ClassifierHyperparameters trial = SearchSpace.study().sample(random);
 * }</pre>
 */
public record SearchSpace(int baseFilters, int inputSize, double denseDropout) {

    public static final double DROPOUT_STEP = 0.05;
    public static final double LEARNING_RATE_MIN = 1e-4;
    public static final double LEARNING_RATE_MAX = 1e-2;

    /** Base filters 16, input 256, dense dropout 0.5. */
    public static SearchSpace study() {
        return new SearchSpace(
                ClassifierHyperparameters.DEFAULT_BASE_FILTERS,
                ClassifierHyperparameters.DEFAULT_INPUT_SIZE,
                ClassifierHyperparameters.DEFAULT_DENSE_DROPOUT);
    }

    /** @return one draw; the same Random state gives the same draw */
    public ClassifierHyperparameters sample(Random random) {
        int dropoutSteps = (int) Math.round(ClassifierHyperparameters.MAX_DROPOUT / DROPOUT_STEP); // 10
        double[] dropouts = new double[ClassifierHyperparameters.BLOCKS];
        for (int i = 0; i < dropouts.length; i++) {
            dropouts[i] = random.nextInt(dropoutSteps + 1) * 5 / 100.0; // exact multiples of 0.05
        }
        int unitSteps = (ClassifierHyperparameters.UNITS_MAX - ClassifierHyperparameters.UNITS_MIN)
                / ClassifierHyperparameters.UNITS_STEP; // 15
        int units = ClassifierHyperparameters.UNITS_MIN
                + random.nextInt(unitSteps + 1) * ClassifierHyperparameters.UNITS_STEP;
        DenseActivation activation = random.nextBoolean() ? DenseActivation.RELU : DenseActivation.SIGMOID;
        double logMin = Math.log(LEARNING_RATE_MIN);
        double logMax = Math.log(LEARNING_RATE_MAX);
        double rate = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
        return new ClassifierHyperparameters(dropouts, units, activation, rate, baseFilters, inputSize, denseDropout);
    }
}
