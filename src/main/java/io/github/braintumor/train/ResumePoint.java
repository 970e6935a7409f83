package io.github.braintumor.train;

import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    /**
     * A checkpoint resumes exactly only the run that wrote it: the same patients in training and validation and
     * the same schedule. Anything else would mix two validation sets in one learning curve; it is refused, naming
     * what differs.
     *
     * @param cfg the settings of the run that resumes (its {@link TrainingConfig#resume} is this checkpoint)
     * @param now the patients it trains and validates on
     */
    void checkSameRun(TrainingConfig cfg, ModelInfo.TrainingData now) throws BundleException {
        List<String> differences = new ArrayList<>(state.differences(cfg));
        ModelInfo.TrainingData was = ModelBundle.readInfo(cfg.resume()).training();
        if (was != null && was.patients() != null && was.validationPatients() != null) {
            if (!new TreeSet<>(was.patients()).equals(new TreeSet<>(now.patients()))) {
                differences.add("training patients (" + was.patients().size() + " vs "
                        + now.patients().size() + ", other data or split)");
            }
            if (!new TreeSet<>(was.validationPatients()).equals(new TreeSet<>(now.validationPatients()))) {
                differences.add(
                        "validation patients (" + was.validationPatients().size() + " vs "
                                + now.validationPatients().size() + ")");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume from " + cfg.resume() + " exactly: it was trained with"
                    + " other settings (" + String.join("; ", differences) + "); resume with the data, split and"
                    + " settings it was trained with, or start a new run from its weights with --init");
        }
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
