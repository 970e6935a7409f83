package io.github.braintumor.train;

import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.NativeMemory;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a run tells its {@link ProgressListener}: the settings line at the start, a progress report with the time
 * left ({@link TrainingEta}) after every batch, and after every epoch the native memory in use and the epoch's
 * summary against the best so far (so it runs after {@link BestModelKeeper}).
 */
final class TrainingProgress implements TrainingListener {
    private final ProgressListener out;
    private final EpochPlan plan;
    private final TrainingConfig cfg;
    private final String kind;
    private final Precision precision;
    private final Path checkpointDir;
    private final BestModelKeeper keeper;
    private final String metricName;
    private final TrainingEta eta;

    TrainingProgress(
            ProgressListener out,
            EpochPlan plan,
            TrainingConfig cfg,
            String kind,
            Precision precision,
            Path checkpointDir,
            BestModelKeeper keeper,
            String metricName) {
        this.out = out;
        this.plan = plan;
        this.cfg = cfg;
        this.kind = kind;
        this.precision = precision;
        this.checkpointDir = checkpointDir;
        this.keeper = keeper;
        this.metricName = metricName;
        this.eta = new TrainingEta(plan);
    }

    @Override
    public void onTrainingBegin() {
        out.onMessage(String.format(
                Locale.ROOT,
                "Training %s: %d epochs x %d batches of %d (crop %d), lr %.2e, steps in %s, %s, checkpoint %s",
                kind,
                plan.epochs(),
                plan.batches(),
                plan.batchSize(),
                cfg.cropSize(),
                cfg.learningRate(),
                precision == Precision.BFLOAT16 ? "bfloat16 (mixed precision)" : "float32",
                DjlEngine.describe(),
                checkpointDir));
    }

    @Override
    public void onBatch(BatchEnd b) {
        out.onProgress(Progress.training(
                b.epoch(),
                plan.epochs(),
                b.batch(),
                plan.batches(),
                b.meanLoss(),
                OptionalDouble.empty(),
                eta.afterBatch(b.epoch(), b.batch(), b.secondsIntoEpoch()),
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d batch %d/%d loss %.4f lr %.2e %.2f samples/s",
                        b.epoch(),
                        plan.epochs(),
                        b.batch(),
                        plan.batches(),
                        b.meanLoss(),
                        b.learningRate(),
                        b.batch() * (double) plan.batchSize() / b.secondsIntoEpoch())));
    }

    @Override
    public void onEpochEnd(EpochEnd e) {
        out.onMessage(String.format(
                Locale.ROOT,
                "memory after epoch %d: %d live arrays in the model, %s",
                e.epoch(),
                NativeMemory.liveArrays(e.model().getNDManager()),
                NativeMemory.describe()));
        out.onProgress(Progress.training(
                e.epoch(),
                plan.epochs(),
                plan.batches(),
                plan.batches(),
                e.trainLoss(),
                OptionalDouble.of(e.validation().metric()),
                eta.afterEpoch(e.epoch(), e.validationSeconds()),
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d done: train loss %.4f, val loss %.4f, val %s %.4f%s (best %.4f at epoch %d);"
                                + " %.1f samples/s, validation %.0f s",
                        e.epoch(),
                        plan.epochs(),
                        e.trainLoss(),
                        e.validation().loss(),
                        metricName,
                        e.validation().metric(),
                        keeper.improved() ? " *" : "",
                        keeper.best().metric(),
                        keeper.bestEpoch(),
                        plan.samples() / e.trainSeconds(),
                        e.validationSeconds())));
    }
}
