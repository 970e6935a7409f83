package io.github.braintumor.app;

import io.github.braintumor.train.SearchResult;
import io.github.braintumor.train.TrainingResult;
import java.util.Locale;

/**
 * One-line summaries of training and search results for the log, the ImageJ 1 log window and the CLI.
 *
 * <pre>{@code System.out.println(Reports.training(result));}</pre>
 */
public final class Reports {
    private Reports() {}

    public static String training(TrainingResult r) {
        if (r == null) return "no result";
        String where = r.bundle() == null
                ? "no model was written (canceled before the first epoch ended)"
                : "model bundle: " + r.bundle().toAbsolutePath();
        return (r.canceled() ? "Canceled; the best model so far is kept. " : "")
                + String.format(
                        Locale.ROOT, "best epoch %d, validation metric %.4f; %s", r.bestEpoch(), r.bestMetric(), where);
    }

    public static String search(SearchResult r) {
        if (r == null) return "no result";
        StringBuilder s = new StringBuilder(r.canceled() ? "Canceled; finished trials are kept. " : "");
        s.append(r.trials().size()).append(" trial(s) finished");
        if (!r.trials().isEmpty()) {
            s.append(String.format(
                    Locale.ROOT,
                    "; best validation accuracy %.4f (trial %d)",
                    r.trials().get(0).valAccuracy(),
                    r.trials().get(0).index()));
        }
        s.append("; table: ").append(r.table() == null ? "none" : r.table().toAbsolutePath());
        if (r.bestBundle() != null)
            s.append("; best model bundle: ").append(r.bestBundle().toAbsolutePath());
        return s.toString();
    }
}
