package io.github.braintumor.train;

import java.util.Locale;

/**
 * Stops training before its last epoch when the time budget is used or validation stopped improving for the
 * configured patience; it reads the best epoch from the {@link BestModelKeeper}.
 */
final class EarlyStop implements TrainingListener {
    private final TrainingConfig cfg;
    private final BestModelKeeper keeper;
    private final long startedNanos;

    /** @param startedNanos when the time budget started ({@link System#nanoTime}) */
    EarlyStop(TrainingConfig cfg, BestModelKeeper keeper, long startedNanos) {
        this.cfg = cfg;
        this.keeper = keeper;
        this.startedNanos = startedNanos;
    }

    @Override
    public String stopAfter(EpochEnd end) {
        return reason(end.epoch(), keeper.bestEpoch());
    }

    /** @return why training stops after {@code epoch} when the best was {@code bestEpoch}, or null to go on */
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
