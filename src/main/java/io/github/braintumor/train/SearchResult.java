package io.github.braintumor.train;

import io.github.braintumor.nn.ClassifierHyperparameters;
import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a {@link RandomSearch}.
 *
 * @param trials     finished trials, best first
 * @param best       hyperparameters of the best trial, or null when none finished
 * @param table      the {@code trials.csv} written
 * @param bestBundle the retrained best model, or null
 * @param canceled   whether the search was canceled
 */
public record SearchResult(
        List<Trial> trials, ClassifierHyperparameters best, Path table, Path bestBundle, boolean canceled) {

    /**
     * One trial.
     *
     * @param index       1-based draw number
     * @param hp          its hyperparameters
     * @param valAccuracy mean over executions of each execution's best validation accuracy
     * @param executions  each execution's best validation accuracy
     */
    public record Trial(int index, ClassifierHyperparameters hp, double valAccuracy, double[] executions) {}
}
