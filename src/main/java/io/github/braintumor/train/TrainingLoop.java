package io.github.braintumor.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import io.github.braintumor.engine.NativeMemory;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The one training loop shared by segmentation and classification ({@link TrainingTask} holds the differences):
 * Adam with a warm-up + cosine learning rate, tumour-weighted sampling schedule, per-batch sub-managers, validation
 * each epoch and cancel per batch. The rest are parts it calls: {@link ResumePoint} (where it starts),
 * {@link EpochListener}s after each validated epoch ({@link BestModelKeeper}, the "last" {@link Checkpoint},
 * {@link WeightAverage}), {@link EarlyStop} (time budget, patience).
 */
final class TrainingLoop {
    private final TrainingTask task;
    private final TrainingConfig cfg;
    private final ModelInfo.TrainingData trainingData;

    TrainingLoop(TrainingTask task, TrainingConfig cfg, ModelInfo.TrainingData trainingData) {
        this.task = task;
        this.cfg = cfg;
        this.trainingData = trainingData;
    }

    /** Starts the engine (threads, seed) the way every trainer needs it. */
    static void startEngine(TrainingConfig cfg) {
        EngineOptions.Builder b = EngineOptions.builder().optSeed(cfg.seed());
        if (cfg.threads() > 0) {
            b.optThreads(cfg.threads());
        }
        DjlEngine.start(b.build());
    }

    TrainingResult run(Path outBundle, ProgressListener listener, BooleanSupplier cancel)
            throws IOException, BundleException {
        startEngine(cfg);
        Device device = DjlEngine.device();
        Path lastDir = Checkpoint.lastDir(cfg, outBundle);
        int samples = cfg.samplesPerEpoch() > 0 ? cfg.samplesPerEpoch() : Math.max(1, task.trainingSlices());
        int batches = (samples + cfg.batchSize() - 1) / cfg.batchSize();
        int totalSteps = batches * cfg.epochs();
        double[] fraction = tumourFractions();

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
            if (from.resumed()) {
                loadCheckpointWeights(model, cfg.resume(), base);
                listener.onMessage("Resuming after epoch " + from.state().epoch() + " from " + cfg.resume()
                        + (from.exact()
                                ? " (weights, optimizer state and sampling exactly as they were)"
                                : " (an older checkpoint without optimizer state: Adam moments restart from zero)"));
            } else if (cfg.initialWeights() != null) {
                loadCheckpointWeights(model, cfg.initialWeights(), base);
                listener.onMessage("Starting from the weights of " + cfg.initialWeights());
            }
            Tracker schedule = schedule(totalSteps);
            // The optimizer counts its own steps; only an old checkpoint without its state needs the offset.
            int stepOffset = from.stepOffset();
            Tracker lr = stepOffset == 0 || from.exact() ? schedule : n -> schedule.getNewValue(n + stepOffset);
            ResumableAdam adam =
                    ResumableAdam.builder().setLearningRateTracker(lr).build();
            DefaultTrainingConfig tc =
                    new DefaultTrainingConfig(task.loss()).optOptimizer(adam).optDevices(new Device[] {device});
            EarlyStop earlyStop = new EarlyStop(cfg, System.nanoTime());
            WeightAverage average = new WeightAverage(cfg.averageLastEpochs());
            BestModelKeeper keeper = new BestModelKeeper(outBundle, base, from);
            // in order: the checkpoint records what the keeper decided
            List<EpochListener> onEpoch = List.of(
                    keeper,
                    e -> Checkpoint.write(
                            lastDir,
                            e.model(),
                            base,
                            new Checkpoint.State(
                                    e.epoch(),
                                    e.optimizerSteps(),
                                    keeper.bestEpoch(),
                                    keeper.best().metric(),
                                    keeper.best().tiebreak(),
                                    task.metricName(),
                                    cfg),
                            e.curve(),
                            adam),
                    e -> average.add(e.model()));
            boolean canceled = false;
            String why = "finished " + cfg.epochs() + " epochs";
            int steps = stepOffset;
            int epochsDone = from.startEpoch() - 1;
            double validationSeconds = 0;
            double secondsPerBatch = Double.NaN;
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(task.inputShape(cfg.batchSize()));
                if (from.exact()) {
                    Checkpoint.readOptimizerState(cfg.resume(), model, adam);
                }
                listener.onMessage(String.format(
                        Locale.ROOT,
                        "Training %s: %d epochs x %d batches of %d (crop %d), lr %.2e, steps in %s, %s, checkpoint %s",
                        base.kind(),
                        cfg.epochs(),
                        batches,
                        cfg.batchSize(),
                        cfg.cropSize(),
                        cfg.learningRate(),
                        precision == Precision.BFLOAT16 ? "bfloat16 (mixed precision)" : "float32",
                        DjlEngine.describe(),
                        lastDir));
                epochs:
                for (int epoch = from.startEpoch(); epoch <= cfg.epochs(); epoch++) {
                    Random rng = new Random(cfg.seed() * 1_000_003L + epoch);
                    DjlEngine.seed(cfg.seed() * 1_000_003L + epoch); // dropout: an epoch replays exactly on resume
                    double p = fraction[0] + (fraction[1] - fraction[0]) * (epoch - 1) / Math.max(1, cfg.epochs() - 1);
                    double lossSum = 0;
                    long epochStart = System.nanoTime();
                    for (int b = 1; b <= batches; b++) {
                        if (cancel.getAsBoolean()) {
                            canceled = true;
                            why = "canceled in epoch " + epoch + " at batch " + b;
                            break epochs;
                        }
                        int size = Math.min(cfg.batchSize(), samples - (b - 1) * cfg.batchSize());
                        lossSum += step(trainer, size, p, rng);
                        steps++;
                        double elapsed = (System.nanoTime() - epochStart) / 1e9;
                        secondsPerBatch = elapsed / b;
                        double left = secondsPerBatch * ((batches - b) + (long) batches * (cfg.epochs() - epoch))
                                + validationSeconds * (cfg.epochs() - epoch + 1);
                        listener.onProgress(Progress.training(
                                epoch,
                                cfg.epochs(),
                                b,
                                batches,
                                lossSum / b,
                                OptionalDouble.empty(),
                                Duration.ofSeconds((long) left),
                                String.format(
                                        Locale.ROOT,
                                        "epoch %d/%d batch %d/%d loss %.4f lr %.2e %.2f samples/s",
                                        epoch,
                                        cfg.epochs(),
                                        b,
                                        batches,
                                        lossSum / b,
                                        schedule.getNewValue(steps),
                                        b * (double) cfg.batchSize() / elapsed)));
                    }
                    double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                    long vStart = System.nanoTime();
                    TrainingTask.Validation v = task.validate(model.getBlock(), trainer.getManager(), cancel);
                    if (v == null) { // canceled during validation
                        canceled = true;
                        why = "canceled during validation of epoch " + epoch;
                        break;
                    }
                    validationSeconds = (System.nanoTime() - vStart) / 1e9;
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    curve.add(new LearningCurve.Row(
                            epoch, lossSum / batches, v.loss(), v.metric(), schedule.getNewValue(steps), seconds));
                    epochsDone = epoch;
                    for (EpochListener l : onEpoch) {
                        l.onEpoch(new EpochListener.EpochEnd(epoch, steps, model, v, curve));
                    }
                    double remaining = secondsPerBatch * batches * (cfg.epochs() - epoch)
                            + validationSeconds * (cfg.epochs() - epoch);
                    listener.onMessage(String.format(
                            Locale.ROOT,
                            "memory after epoch %d: %d live arrays in the model," + " %s",
                            epoch,
                            NativeMemory.liveArrays(model.getNDManager()),
                            NativeMemory.describe()));
                    listener.onProgress(Progress.training(
                            epoch,
                            cfg.epochs(),
                            batches,
                            batches,
                            lossSum / batches,
                            OptionalDouble.of(v.metric()),
                            Duration.ofSeconds((long) remaining),
                            String.format(
                                    Locale.ROOT,
                                    "epoch %d/%d done: train loss %.4f, val loss %.4f, val %s %.4f%s (best %.4f at"
                                            + " epoch %d); %.1f samples/s, validation %.0f s",
                                    epoch,
                                    cfg.epochs(),
                                    lossSum / batches,
                                    v.loss(),
                                    task.metricName(),
                                    v.metric(),
                                    keeper.improved() ? " *" : "",
                                    keeper.best().metric(),
                                    keeper.bestEpoch(),
                                    samples / trainSeconds,
                                    validationSeconds)));
                    String stop = earlyStop.reason(epoch, keeper.bestEpoch());
                    if (stop != null) {
                        why = stop;
                        break;
                    }
                }
                if (!canceled && average.size() > 1) {
                    averageIfBetter(model, trainer, average, keeper, curve, listener, cancel);
                }
            }
            String message;
            if (!keeper.hasModel()) {
                message = why + ": no model yet (no validation finished), nothing written to " + outBundle;
                listener.onMessage(message);
                return new TrainingResult(null, curve, 0, Double.NaN, canceled, message);
            }
            message = String.format(
                    Locale.ROOT,
                    "%s; best %s %.4f at epoch %d in %s (epochs done: %d)",
                    why,
                    task.metricName(),
                    keeper.best().metric(),
                    keeper.bestEpoch(),
                    outBundle,
                    epochsDone);
            listener.onMessage(message);
            return new TrainingResult(
                    outBundle, curve, keeper.bestEpoch(), keeper.best().metric(), canceled, message);
        }
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
        return l.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
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

    /** Averages the last epochs' weights; keeps (and saves) them when validation improves, else restores. */
    private void averageIfBetter(
            Model model,
            Trainer trainer,
            WeightAverage recent,
            BestModelKeeper keeper,
            LearningCurve curve,
            ProgressListener listener,
            BooleanSupplier cancel)
            throws IOException, BundleException {
        recent.applyMean(model);
        TrainingTask.Validation v = task.validate(model.getBlock(), trainer.getManager(), cancel);
        if (v != null && v.betterThan(keeper.best())) {
            listener.onMessage(String.format(
                    Locale.ROOT,
                    "Average of the last %d epochs: val %s %.4f > %.4f, kept",
                    recent.size(),
                    task.metricName(),
                    v.metric(),
                    keeper.best().metric()));
            keeper.keepAverage(model, v, recent.size(), curve);
            return;
        }
        listener.onMessage(String.format(
                Locale.ROOT,
                "Average of the last %d epochs: val %s %s, not better; kept" + " epoch %d",
                recent.size(),
                task.metricName(),
                v == null ? "canceled" : String.format(Locale.ROOT, "%.4f", v.metric()),
                keeper.bestEpoch()));
        recent.restoreLast(model);
    }
}
