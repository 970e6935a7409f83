package io.github.braintumor.spark;

import io.github.braintumor.eval.Evaluation;
import java.nio.file.Path;

/** The one translation of a {@link JobSpec} into the core's settings, used by the workers and the driver alike. */
final class Jobs {
    /** Same default as the single-machine evaluate: same batches, so the same floating-point sums. */
    static final int EVALUATE_BATCH = 8;

    private Jobs() {}

    static Evaluation.Builder evaluation(JobSpec spec, Path unet, Path classifier) {
        Evaluation.Builder b = Evaluation.forCohort(Path.of(spec.dataRoot()));
        if (unet != null) b.optUnet(unet);
        if (classifier != null) b.optClassifier(classifier);
        if (spec.threshold() != null) b.optThreshold(spec.threshold());
        if (spec.condition() != null) b.optCondition(spec.condition());
        return b.optLargestComponent(spec.lcc())
                .optLccBy(spec.lccBy())
                .optTta(spec.tta())
                .optMinimumArea(spec.minArea())
                .optBatchSize(spec.batch());
    }
}
