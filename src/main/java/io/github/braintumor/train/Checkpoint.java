package io.github.braintumor.train;

import ai.djl.Model;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The per-epoch "last" checkpoint: a model bundle (model.json + weights, loadable with {@link ModelBundle#load})
 * plus {@code checkpoint.json} (epoch, optimizer step count, seed, best so far) and the learning curve.
 * Resuming restores the weights, the epoch, the learning-rate schedule position and the sampling RNG (seeded per
 * epoch); Adam's moment estimates are not saved by DJL and restart from zero.
 */
final class Checkpoint {
    static final String STATE_FILE = "checkpoint.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    /** Training state next to the weights. */
    record State(int epoch, int optimizerSteps, long seed, int bestEpoch, double bestMetric, double bestTiebreak,
                 String metricName) {}

    private Checkpoint() {}

    static void write(Path dir, Model model, ModelInfo info, State state, LearningCurve curve) throws IOException {
        Path scratch = Files.createTempDirectory("braintumor-ckpt");
        try {
            Path stateFile = scratch.resolve(STATE_FILE);
            Files.writeString(stateFile, GSON.toJson(state));
            Path curveFile = scratch.resolve(LearningCurve.FILE_NAME);
            curve.writeCsv(curveFile);
            ModelBundle.save(dir, model, info, Map.of(STATE_FILE, stateFile, LearningCurve.FILE_NAME, curveFile));
        } catch (BundleException e) {
            throw new IOException("Cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        } finally {
            io.github.braintumor.model.BundleFiles.deleteRecursively(scratch);
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
