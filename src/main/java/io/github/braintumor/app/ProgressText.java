package io.github.braintumor.app;

import io.github.braintumor.progress.Progress;
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
     * Training reports read "epoch e/E batch b/B loss ..."; other jobs (segmenting, evaluating) are told in their own
     * words by the message ("segmentation: 8/38 slices"), so no epochs or batches appear.
     */
    public static String of(Progress p) {
        StringBuilder s = new StringBuilder();
        Progress.Epoch e = p.epoch();
        if (e != null) {
            s.append("epoch ").append(e.epoch()).append('/').append(e.epochs()).append(' ');
            if (e.batches() > 0)
                s.append("batch ")
                        .append(e.batch())
                        .append('/')
                        .append(e.batches())
                        .append(' ');
            if (!Double.isNaN(e.loss())) s.append(String.format(Locale.ROOT, "loss %.4f ", e.loss()));
            e.validationMetric().ifPresent(v -> s.append(String.format(Locale.ROOT, "val %.3f ", v)));
        }
        if (p.eta() != null && !p.eta().isZero())
            s.append("ETA ").append(format(p.eta())).append(' ');
        if (p.message() != null && !p.message().isEmpty()) s.append(p.message());
        return s.toString().trim();
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }
}
