package io.github.braintumor.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.train.TrainingListener.BatchEnd;
import io.github.braintumor.train.TrainingListener.EpochEnd;
import io.github.braintumor.train.TrainingListener.TrainingEnd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The one training loop shared by segmentation and classification ({@link TrainingTask} holds the differences):
 * Adam with a warm-up + cosine learning rate, tumour-weighted sampling schedule, per-batch sub-managers, validation
 * each epoch and cancel per batch. Where it starts is a {@link ResumePoint}; everything else is a
 * {@link TrainingListener} it calls: {@link BestModelKeeper}, the {@link LastCheckpoint}, {@link WeightAverage},
 * {@link TrainingProgress} and {@link EarlyStop} (time budget, patience).
 */
final class TrainingLoop {
    private final TrainingTask task;
    private final TrainingConfig cfg;
    private final ModelInfo.TrainingData trainingData;
    private final EpochPlan plan;
    private final double[] tumourFractions;

    /** Why the loop ended, and the last epoch it validated. */
    private record Stop(String why, boolean canceled, int epochsDone) {}

    TrainingLoop(TrainingTask task, TrainingConfig cfg, ModelInfo.TrainingData trainingData) {
        this.task = task;
        this.cfg = cfg;
        this.trainingData = trainingData;
        this.plan = EpochPlan.of(cfg, task.trainingSlices());
        this.tumourFractions = tumourFractions();
    }

    /** Starts the engine (threads, seed) the way every trainer needs it. */
    static void startEngine(TrainingConfig cfg) {
        EngineOptions.Builder b = EngineOptions.builder().optSeed(cfg.seed());
        if (cfg.threads() > 0) {
            b.optThreads(cfg.threads());
        }
        DjlEngine.start(b.build());
    }

    TrainingResult run(Path outBundle, ProgressListener progress, BooleanSupplier cancel)
            throws IOException, BundleException {
        startEngine(cfg);
        Device device = DjlEngine.device();
        ResumePoint from = ResumePoint.of(cfg);
        if (from.resumed()) from.checkSameRun(cfg, trainingData);
        LearningCurve curve = from.curve();
        Precision precision = task.trainIn(cfg.precision().resolve(device));
        ModelInfo base = task.describe()
                .optNormalization(cfg.normalization())
                .optTraining(trainingData.withPrecision(precision.id()))
                .optLearningCurve(LearningCurve.FILE_NAME)
                .build();

        DjlEngine.seed(cfg.seed());
        try (Model model = Model.newInstance(base.kind(), device, DjlEngine.ENGINE_NAME)) {
            model.setBlock(task.newBlock());
            loadStartingWeights(model, from, base, progress);
            Tracker schedule = schedule(plan.totalSteps());
            // The optimizer counts its own steps; only an old checkpoint without its state needs the offset.
            int stepOffset = from.stepOffset();
            Tracker lr = stepOffset == 0 || from.exact() ? schedule : n -> schedule.getNewValue(n + stepOffset);
            ResumableAdam adam =
                    ResumableAdam.builder().setLearningRateTracker(lr).build();
            DefaultTrainingConfig tc =
                    new DefaultTrainingConfig(task.loss()).optOptimizer(adam).optDevices(new Device[] {device});
            Path lastDir = Checkpoint.lastDir(cfg, outBundle);
            BestModelKeeper keeper = new BestModelKeeper(outBundle, base, from);
            // in order: the checkpoint and the progress report what the keeper decided
            TrainingListener listeners = TrainingListener.inOrder(List.of(
                    keeper,
                    new LastCheckpoint(lastDir, base, keeper, task.metricName(), cfg, adam),
                    new WeightAverage(cfg.averageLastEpochs(), keeper, task.metricName(), progress),
                    new TrainingProgress(
                            progress, plan, cfg, base.kind(), precision, lastDir, keeper, task.metricName()),
                    new EarlyStop(cfg, keeper, System.nanoTime())));
            Stop stop;
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(task.inputShape(cfg.batchSize()));
                if (from.exact()) {
                    Checkpoint.readOptimizerState(cfg.resume(), model, adam);
                }
                listeners.onTrainingBegin();
                stop = trainEpochs(trainer, from, schedule, curve, listeners, cancel);
                listeners.onTrainingEnd(new TrainingEnd(
                        model,
                        stop.canceled(),
                        curve,
                        () -> task.validate(model.getBlock(), trainer.getManager(), cancel)));
            }
            return result(stop, keeper, curve, outBundle, progress);
        }
    }

    /**
     * The loop: epochs of batches, each epoch validated and handed to the listeners.
     *
     * @return why it ended: all epochs done, canceled, or stopped by a listener
     */
    private Stop trainEpochs(
            Trainer trainer,
            ResumePoint from,
            Tracker schedule,
            LearningCurve curve,
            TrainingListener listeners,
            BooleanSupplier cancel)
            throws IOException, BundleException {
        Model model = trainer.getModel();
        int steps = from.stepOffset();
        int epochsDone = from.startEpoch() - 1;
        for (int epoch = from.startEpoch(); epoch <= plan.epochs(); epoch++) {
            Random rng = new Random(epochSeed(epoch));
            DjlEngine.seed(epochSeed(epoch)); // dropout: an epoch replays exactly on resume
            double p = tumourFraction(epoch);
            double lossSum = 0;
            long epochStart = System.nanoTime();
            for (int b = 1; b <= plan.batches(); b++) {
                if (cancel.getAsBoolean()) {
                    return new Stop("canceled in epoch " + epoch + " at batch " + b, true, epochsDone);
                }
                lossSum += step(trainer, plan.size(b), p, rng);
                steps++;
                listeners.onBatch(
                        new BatchEnd(epoch, b, lossSum / b, schedule.getNewValue(steps), secondsSince(epochStart)));
            }
            long validationStart = System.nanoTime();
            TrainingTask.Validation v = task.validate(model.getBlock(), trainer.getManager(), cancel);
            if (v == null) {
                return new Stop("canceled during validation of epoch " + epoch, true, epochsDone);
            }
            EpochEnd end = new EpochEnd(
                    epoch,
                    steps,
                    model,
                    v,
                    lossSum / plan.batches(),
                    schedule.getNewValue(steps),
                    (validationStart - epochStart) / 1e9,
                    secondsSince(validationStart),
                    curve);
            curve.add(end.row());
            epochsDone = epoch;
            listeners.onEpochEnd(end);
            String why = listeners.stopAfter(end);
            if (why != null) {
                return new Stop(why, false, epochsDone);
            }
        }
        return new Stop("finished " + plan.epochs() + " epochs", false, epochsDone);
    }

    /** The run's outcome, also told to {@code progress}: the best epoch, or that no validation finished. */
    private TrainingResult result(
            Stop stop, BestModelKeeper keeper, LearningCurve curve, Path outBundle, ProgressListener progress) {
        if (!keeper.hasModel()) {
            String message = stop.why() + ": no model yet (no validation finished), nothing written to " + outBundle;
            progress.onMessage(message);
            return new TrainingResult(null, curve, 0, Double.NaN, stop.canceled(), message);
        }
        String message = String.format(
                Locale.ROOT,
                "%s; best %s %.4f at epoch %d in %s (epochs done: %d)",
                stop.why(),
                task.metricName(),
                keeper.best().metric(),
                keeper.bestEpoch(),
                outBundle,
                stop.epochsDone());
        progress.onMessage(message);
        return new TrainingResult(
                outBundle, curve, keeper.bestEpoch(), keeper.best().metric(), stop.canceled(), message);
    }

    /** The weights a run starts from: the checkpoint it resumes, the initial weights configured, or fresh ones. */
    private void loadStartingWeights(Model model, ResumePoint from, ModelInfo base, ProgressListener progress)
            throws BundleException {
        if (from.resumed()) {
            loadCheckpointWeights(model, cfg.resume(), base);
            progress.onMessage("Resuming after epoch " + from.state().epoch() + " from " + cfg.resume()
                    + (from.exact()
                            ? " (weights, optimizer state and sampling exactly as they were)"
                            : " (an older checkpoint without optimizer state: Adam moments restart from zero)"));
        } else if (cfg.initialWeights() != null) {
            loadCheckpointWeights(model, cfg.initialWeights(), base);
            progress.onMessage("Starting from the weights of " + cfg.initialWeights());
        }
    }

    /** Seed of an epoch's sampling and dropout, so that an epoch replays exactly on resume. */
    private long epochSeed(int epoch) {
        return cfg.seed() * 1_000_003L + epoch;
    }

    /** Probability of drawing a tumour slice in {@code epoch}: linear from the first epoch's to the last's. */
    private double tumourFraction(int epoch) {
        double[] fraction = tumourFractions;
        return fraction[0] + (fraction[1] - fraction[0]) * (epoch - 1) / Math.max(1, cfg.epochs() - 1);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /** One optimisation step on a fresh batch; returns its loss. All batch arrays die with the sub-manager. */
    private double step(Trainer trainer, int size, double tumourFraction, Random rng) throws IOException {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList[] xy = task.trainingBatch(sub, size, tumourFraction, rng);
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = task.trainingForward(trainer, xy[0]);
                NDArray l = trainer.getLoss().evaluate(xy[1], pred);
                gc.backward(l);
                loss = scalar(l);
            }
            trainer.step();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(
                        "Training loss became " + loss + ": lower the learning rate (optLearningRate) and start again");
            }
            return loss;
        }
    }

    /** A scalar loss as double whatever its dtype (the nn losses may return float64). */
    static double scalar(NDArray l) {
        return l.toType(DataType.FLOAT64, false).getDouble();
    }

    private double[] tumourFractions() {
        double[] d = task.defaultTumourFraction();
        double start = Double.isNaN(cfg.tumourFractionStart()) ? d[0] : cfg.tumourFractionStart();
        double end;
        if (Double.isNaN(cfg.tumourFractionStart())) {
            end = d[1];
        } else if (Double.isNaN(cfg.tumourFractionEnd())) {
            end = start;
        } else {
            end = cfg.tumourFractionEnd() < 0 ? 0 : cfg.tumourFractionEnd(); // 0 = natural proportion
        }
        return new double[] {start, end};
    }

    private Tracker schedule(int totalSteps) {
        int warm = cfg.warmUpSteps() >= 0 ? cfg.warmUpSteps() : Math.min(200, totalSteps / 20);
        Tracker cosine = Tracker.cosine()
                .setBaseValue(cfg.learningRate())
                .optFinalValue(cfg.learningRate() * 0.01f)
                .setMaxUpdates(Math.max(1, totalSteps - warm))
                .build();
        if (warm <= 0) {
            return cosine;
        }
        // WarmUpTracker hands the main tracker (step - warm), so the cosine starts after the warm-up.
        return Tracker.warmUp()
                .setMainTracker(cosine)
                .optWarmUpSteps(warm)
                .optWarmUpBeginValue(cfg.learningRate() * 0.1f)
                .build();
    }

    private void loadCheckpointWeights(Model model, Path dir, ModelInfo expected) throws BundleException {
        ModelInfo found = ModelBundle.verify(dir);
        if (!found.kind().equals(expected.kind()) || !found.architecture().equals(expected.architecture())) {
            throw new BundleException("Cannot start from " + dir + ": it holds a " + found.kind() + " "
                    + found.architecture() + " but this run trains a " + expected.kind() + " "
                    + expected.architecture());
        }
        try {
            ModelBundle.loadParameters(model, dir, found.weightsFile());
        } catch (IOException | MalformedModelException e) {
            throw new BundleException(
                    "Cannot load checkpoint weights " + dir.resolve(found.weightsFile()) + ": " + e.getMessage(), e);
        }
    }
}
