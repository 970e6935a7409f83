package io.github.braintumor.app;

import io.github.braintumor.progress.TrainingProgress;
import java.time.Duration;
import java.util.Locale;

/**
 * One-line text for a progress event, shared by the Fiji status line, ImageJ 1 status bar and the CLI.
 *
 * <pre>{@code String line = ProgressText.of(progress); // "epoch 2/5 batch 10/40 loss 0.4123 val 0.612 ETA 1m20s"}</pre>
 */
public final class ProgressText {
    private ProgressText() {}

    /**
     * Training reports (epochs > 0) read "epoch e/E batch b/B loss ..."; other jobs (segmenting, evaluating: epochs
     * 0) are told in their own words by the message ("segmentation: 8/38 slices"), so no epochs or batches appear.
     */
    public static String of(TrainingProgress p) {
        StringBuilder s = new StringBuilder();
        if (p.epochs() > 0) {
            s.append("epoch ").append(p.epoch()).append('/').append(p.epochs()).append(' ');
            if (p.batches() > 0) s.append("batch ").append(p.batch()).append('/').append(p.batches()).append(' ');
        }
        if (!Double.isNaN(p.loss())) s.append(String.format(Locale.ROOT, "loss %.4f ", p.loss()));
        p.validationMetric().ifPresent(v -> s.append(String.format(Locale.ROOT, "val %.3f ", v)));
        if (p.eta() != null && !p.eta().isZero()) s.append("ETA ").append(format(p.eta())).append(' ');
        if (p.message() != null && !p.message().isEmpty()) s.append(p.message());
        return s.toString().trim();
    }

    /** Work units done so far (batches over all epochs). */
    public static long done(TrainingProgress p) {
        long batches = Math.max(1, p.batches());
        long epochIndex = Math.max(0, p.epoch() - 1);
        // An end-of-epoch report has batch 0: the whole epoch is done.
        long batch = p.batch() == 0 && p.validationMetric().isPresent() ? batches : p.batch();
        return p.epochs() > 0 ? epochIndex * batches + batch : batch;
    }

    /** Work units in total. */
    public static long total(TrainingProgress p) {
        long batches = Math.max(1, p.batches());
        return p.epochs() > 0 ? (long) p.epochs() * batches : batches;
    }

    /** Fraction done, 0..1. */
    public static double fraction(TrainingProgress p) {
        return Math.min(1.0, Math.max(0.0, done(p) / (double) total(p)));
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }
}
