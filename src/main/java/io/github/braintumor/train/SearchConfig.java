package io.github.braintumor.train;

import io.github.braintumor.nn.SearchSpace;

/**
 * A random search of the classifier's hyperparameters (the study's procedure).
 *
 * @param trials        hyperparameter draws
 * @param epochs        epochs per execution
 * @param executions    trainings per trial (different seeds); the trial's score is their mean best accuracy
 * @param seed          seed of the draws and of the executions
 * @param space         what is searched (drop_1..5, units_1, dense_activation, learn_rate) and fixed settings
 * @param training      everything else of each training run (batch size, augmentation...); its epochs, seed and
 *                      learning rate are replaced per execution
 * @param retrainEpochs when &gt; 0, the best trial is retrained this many epochs into {@code <outDir>/best}
 */
public record SearchConfig(
        int trials,
        int epochs,
        int executions,
        long seed,
        SearchSpace space,
        TrainingConfig training,
        int retrainEpochs) {
    public SearchConfig {
        if (trials < 1 || epochs < 1 || executions < 1) {
            throw new IllegalArgumentException(
                    "trials, epochs and executions must be >= 1, got " + trials + ", " + epochs + ", " + executions);
        }
        if (space == null) {
            space = SearchSpace.study();
        }
        if (training == null) {
            training = TrainingConfig.builder().build();
        }
    }

    /** The study's space and default training settings, no retraining. */
    public static SearchConfig of(int trials, int epochs, int executions, long seed) {
        return new SearchConfig(trials, epochs, executions, seed, SearchSpace.study(), null, 0);
    }
}
