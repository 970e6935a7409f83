package io.github.braintumor.fiji;

import io.github.braintumor.train.TrainingResult;

/** One-line summaries of results for the log and the CLI. */
public final class Reports {
    private Reports() {}

    public static String training(TrainingResult r) {
        if (r == null) return "no result";
        String where = r.bundle() == null ? "no model was written (canceled before the first epoch ended)"
                : "model bundle: " + r.bundle().toAbsolutePath();
        return (r.canceled() ? "Canceled; the best model so far is kept. " : "")
                + String.format("best epoch %d, validation metric %.4f; %s", r.bestEpoch(), r.bestMetric(), where);
    }
}
