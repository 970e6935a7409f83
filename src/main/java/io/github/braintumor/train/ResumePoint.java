package io.github.braintumor.train;

import io.github.braintumor.model.LearningCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run starts: from scratch, or after the epoch a "last" checkpoint recorded (its learning curve up to that
 * epoch, the best so far, and whether the optimizer state is there for an exact continuation).
 *
 * <pre>{@code
 * ResumePoint r = ResumePoint.of(cfg);
 * for (int epoch = r.startEpoch(); epoch <= cfg.epochs(); epoch++) { ... }
 * }</pre>
 *
 * @param state the checkpoint's state, null for a fresh run
 * @param exact whether the checkpoint holds the optimizer state (older ones do not: Adam restarts its moments)
 */
record ResumePoint(Checkpoint.State state, LearningCurve curve, boolean exact) {
    static ResumePoint of(TrainingConfig cfg) throws IOException {
        if (cfg.resume() == null) return new ResumePoint(null, new LearningCurve(), false);
        Checkpoint.State state = Checkpoint.readState(cfg.resume());
        Path rc = cfg.resume().resolve(LearningCurve.FILE_NAME);
        LearningCurve curve =
                Files.isRegularFile(rc) ? LearningCurve.readCsv(rc).upTo(state.epoch()) : new LearningCurve();
        return new ResumePoint(state, curve, Checkpoint.hasOptimizerState(cfg.resume()));
    }

    boolean resumed() {
        return state != null;
    }

    int startEpoch() {
        return state == null ? 1 : state.epoch() + 1;
    }

    /** Optimizer steps already taken (the learning-rate schedule continues from there). */
    int stepOffset() {
        return state == null ? 0 : state.optimizerSteps();
    }

    int bestEpoch() {
        return state == null ? 0 : state.bestEpoch();
    }

    /** @return the best validation so far (only its metric and tiebreak are known), or null */
    TrainingTask.Validation best() {
        return state == null || state.bestEpoch() == 0
                ? null
                : new TrainingTask.Validation(Double.NaN, state.bestMetric(), state.bestTiebreak(), Map.of());
    }
}
