package io.github.braintumor.train;

import ai.djl.Model;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps the best model so far as the output bundle: an epoch that validates better replaces it (atomically, with
 * its validation metrics and the learning curve); any other epoch only brings the bundle's learning curve up to date.
 * Listeners after it read the best so far from it.
 */
final class BestModelKeeper implements TrainingListener {
    private final Path bundle;
    private final ModelInfo base;
    private TrainingTask.Validation best;
    private int bestEpoch;
    private boolean improved;

    BestModelKeeper(Path bundle, ModelInfo base, ResumePoint from) {
        this.bundle = bundle;
        this.base = base;
        this.best = from.best();
        this.bestEpoch = from.bestEpoch();
    }

    @Override
    public void onEpochEnd(EpochEnd end) throws IOException, BundleException {
        improved = end.validation().betterThan(best);
        if (improved) {
            best = end.validation();
            bestEpoch = end.epoch();
            save(end.model(), best, bestEpoch, end.curve(), null);
        } else if (Files.isDirectory(bundle)) {
            end.curve().writeCsv(bundle.resolve(LearningCurve.FILE_NAME));
        }
    }

    /** Saves averaged weights that validated better than the best epoch (recorded as such in model.json). */
    void keepAverage(Model model, TrainingTask.Validation v, int epochsAveraged, LearningCurve curve)
            throws IOException, BundleException {
        best = v;
        save(model, v, bestEpoch, curve, epochsAveraged);
    }

    /** @return the best validation so far, null before the first */
    TrainingTask.Validation best() {
        return best;
    }

    /** @return its epoch, 0 before the first */
    int bestEpoch() {
        return bestEpoch;
    }

    /** @return whether the last epoch offered was a new best */
    boolean improved() {
        return improved;
    }

    /** @return whether a model was written (a validation finished) */
    boolean hasModel() {
        return bestEpoch > 0 && Files.isDirectory(bundle);
    }

    private void save(Model model, TrainingTask.Validation v, int epoch, LearningCurve curve, Integer averaged)
            throws IOException, BundleException {
        Path scratch = Files.createTempFile("learning_curve", ".csv");
        try {
            curve.writeCsv(scratch);
            ModelInfo.Builder info = base.toBuilder()
                    .optValidation(v.metrics())
                    .optValidationMetric("epoch", epoch)
                    .optValidationMetric("val_loss", v.loss());
            if (averaged != null) {
                info.optValidationMetric("averaged_last_epochs", averaged);
            }
            ModelBundle.save(bundle, model, info.build(), Map.of(LearningCurve.FILE_NAME, scratch));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
