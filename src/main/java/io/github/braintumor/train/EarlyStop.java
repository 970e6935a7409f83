package io.github.braintumor.train;

import java.util.Locale;

/** Why training stops before its last epoch: the time budget is used, or validation stopped improving. */
final class EarlyStop {
    private final TrainingConfig cfg;
    private final long startedNanos;

    EarlyStop(TrainingConfig cfg, long startedNanos) {
        this.cfg = cfg;
        this.startedNanos = startedNanos;
    }

    /** @return why training stops after this epoch, or null to go on */
    String reason(int epoch, int bestEpoch) {
        if (epoch >= cfg.epochs()) return null;
        double minutes = (System.nanoTime() - startedNanos) / 60e9;
        if (cfg.minutes() > 0 && minutes >= cfg.minutes()) {
            return String.format(Locale.ROOT, "time budget of %.1f minutes used after epoch %d", cfg.minutes(), epoch);
        }
        if (cfg.patience() > 0 && epoch - bestEpoch >= cfg.patience()) {
            return "no improvement for " + cfg.patience() + " epochs (early stop after epoch " + epoch + ")";
        }
        return null;
    }
}
