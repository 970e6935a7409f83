package io.github.braintumor.train;

import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the "last" {@link Checkpoint} after every epoch, replacing the one before: the weights, the optimizer, the
 * learning curve and the best so far, which it takes from the {@link BestModelKeeper} (so it runs after the keeper).
 */
final class LastCheckpoint implements TrainingListener {
    private final Path dir;
    private final ModelInfo info;
    private final BestModelKeeper keeper;
    private final String metricName;
    private final TrainingConfig cfg;
    private final ResumableAdam adam;

    LastCheckpoint(
            Path dir,
            ModelInfo info,
            BestModelKeeper keeper,
            String metricName,
            TrainingConfig cfg,
            ResumableAdam adam) {
        this.dir = dir;
        this.info = info;
        this.keeper = keeper;
        this.metricName = metricName;
        this.cfg = cfg;
        this.adam = adam;
    }

    @Override
    public void onEpochEnd(EpochEnd e) throws IOException {
        Checkpoint.State state = new Checkpoint.State(
                e.epoch(),
                e.optimizerSteps(),
                keeper.bestEpoch(),
                keeper.best().metric(),
                keeper.best().tiebreak(),
                metricName,
                cfg);
        Checkpoint.write(dir, e.model(), info, state, e.curve(), adam);
    }
}
