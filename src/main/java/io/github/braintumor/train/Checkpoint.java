package io.github.braintumor.train;

import ai.djl.Model;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch "last" checkpoint and its layout, in one place: a folder ({@link #lastDir}, {@code <bundle>-last}
 * unless configured) holding a model bundle (model.json + weights, loadable with {@link ModelBundle#load}), the
 * learning curve, {@code checkpoint.json} (epoch, optimizer step count, seed, best so far) and
 * {@code optimizer.ndlist} ({@link ResumableAdam}'s step count and moments). Resuming restores the weights, the
 * optimizer, the epoch and the sampling RNG (seeded per epoch), so a resumed run ends where an uninterrupted one
 * would. Checkpoints written before the optimizer state was saved resume with fresh Adam moments.
 */
final class Checkpoint {
    static final String STATE_FILE = "checkpoint.json";
    static final String OPTIMIZER_FILE = "optimizer.ndlist";
    /** The default folder is named after the bundle with this suffix, next to it. */
    private static final String LAST_SUFFIX = "-last";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    /**
     * Training state next to the weights, and the schedule it belongs to (0 where a checkpoint written before it
     * was recorded does not say), so that a resume with other settings is refused instead of mixing two runs.
     */
    record State(
            int epoch,
            int optimizerSteps,
            long seed,
            int bestEpoch,
            double bestMetric,
            double bestTiebreak,
            String metricName,
            int epochs,
            int batchSize,
            int cropSize,
            int samplesPerEpoch,
            float learningRate) {
        /** The state at the end of an epoch of a run configured by {@code cfg}. */
        State(
                int epoch,
                int optimizerSteps,
                int bestEpoch,
                double bestMetric,
                double bestTiebreak,
                String metric,
                TrainingConfig cfg) {
            this(
                    epoch,
                    optimizerSteps,
                    cfg.seed(),
                    bestEpoch,
                    bestMetric,
                    bestTiebreak,
                    metric,
                    cfg.epochs(),
                    cfg.batchSize(),
                    cfg.cropSize(),
                    cfg.samplesPerEpoch(),
                    cfg.learningRate());
        }

        /**
         * @return what differs between the run that wrote this checkpoint and one configured by {@code cfg} (empty
         *     when it may resume exactly); settings an older checkpoint did not record are not compared
         */
        List<String> differences(TrainingConfig cfg) {
            List<String> d = new ArrayList<>();
            if (seed != cfg.seed()) d.add("seed " + seed + " vs " + cfg.seed());
            if (epochs > 0 && epochs != cfg.epochs()) d.add("epochs " + epochs + " vs " + cfg.epochs());
            if (batchSize > 0 && batchSize != cfg.batchSize()) d.add("batch " + batchSize + " vs " + cfg.batchSize());
            if (cropSize > 0 && cropSize != cfg.cropSize()) d.add("crop " + cropSize + " vs " + cfg.cropSize());
            if (epochs > 0 && samplesPerEpoch != cfg.samplesPerEpoch()) {
                d.add("samples per epoch " + samplesPerEpoch + " vs " + cfg.samplesPerEpoch());
            }
            if (learningRate > 0 && learningRate != cfg.learningRate()) {
                d.add("learning rate " + learningRate + " vs " + cfg.learningRate());
            }
            return d;
        }
    }

    private Checkpoint() {}

    /** @return where the "last" checkpoint of {@code bundle} goes: the configured folder, else {@code <bundle>-last} */
    static Path lastDir(TrainingConfig cfg, Path bundle) {
        if (cfg.checkpointDir() != null) return cfg.checkpointDir();
        Path abs = bundle.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + LAST_SUFFIX);
    }

    /** @return whether {@code dir} holds a checkpoint's state file */
    static boolean holdsState(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE_FILE));
    }

    static void write(Path dir, Model model, ModelInfo info, State state, LearningCurve curve, ResumableAdam adam)
            throws IOException {
        Path scratch = Files.createTempDirectory("braintumor-ckpt");
        try {
            Path optimizerFile = scratch.resolve(OPTIMIZER_FILE);
            try (OutputStream out = Files.newOutputStream(optimizerFile)) {
                adam.save(model, out);
            }
            Path stateFile = scratch.resolve(STATE_FILE);
            Files.writeString(stateFile, GSON.toJson(state));
            Path curveFile = scratch.resolve(LearningCurve.FILE_NAME);
            curve.writeCsv(curveFile);
            ModelBundle.save(
                    dir,
                    model,
                    info,
                    Map.of(STATE_FILE, stateFile, LearningCurve.FILE_NAME, curveFile, OPTIMIZER_FILE, optimizerFile));
        } catch (BundleException e) {
            throw new IOException("Cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteRecursively(scratch);
        }
    }

    static boolean hasOptimizerState(Path dir) {
        return Files.isRegularFile(dir.resolve(OPTIMIZER_FILE));
    }

    static void readOptimizerState(Path dir, Model model, ResumableAdam adam) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(OPTIMIZER_FILE))) {
            adam.load(model, in);
        }
    }

    static State readState(Path dir) throws IOException {
        Path f = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("Cannot resume from " + dir + ": " + STATE_FILE + " is missing (is it a"
                    + " checkpoint folder written by training, usually <bundle>-last?)");
        }
        State s = GSON.fromJson(Files.readString(f), State.class);
        if (s == null || s.epoch() < 1) {
            throw new IOException(f + " holds no completed epoch");
        }
        return s;
    }
}
