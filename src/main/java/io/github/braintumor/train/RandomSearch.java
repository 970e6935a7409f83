package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Random search of the classifier's hyperparameters as in the study: N trials drawn from the search space with the
 * seed, each trained X times for E epochs (own Model, Trainer and manager each, closed after), scored by the mean
 * of the executions' best validation accuracy. {@code trials.csv} (drop_1..drop_5, units_1, dense_activation,
 * learn_rate, val_acc; best first) is rewritten atomically after every trial, so a canceled search keeps its
 * finished trials.
 *
 * <pre>{@code
 * SearchResult r = new RandomSearch().run(data, split, SearchConfig.of(10, 5, 2, 42), Path.of("runs/search"),
 *         ProgressListener.console(), () -> false);
 * ClassifierHyperparameters best = r.best();
 * }</pre>
 */
public final class RandomSearch {
    /** Name of the results table in the output folder. */
    public static final String TABLE = "trials.csv";

    public SearchResult run(
            LggDataset data,
            PatientSplit split,
            SearchConfig config,
            Path outDir,
            ProgressListener listener,
            BooleanSupplier cancel)
            throws IOException, BundleException {
        Files.createDirectories(outDir);
        Path table = outDir.resolve(TABLE);
        Random draws = new Random(config.seed());
        SliceStore store = SliceStore.of(config.training().cacheBytes(), data); // decode each slice once for all trials
        List<SearchResult.Trial> done = new ArrayList<>();
        boolean canceled = false;
        trials:
        for (int t = 1; t <= config.trials(); t++) {
            ClassifierHyperparameters hp = config.space().sample(draws);
            listener.onMessage("Trial " + t + "/" + config.trials() + ": " + hp.toMap());
            double[] scores = new double[config.executions()];
            for (int e = 0; e < config.executions(); e++) {
                TrainingConfig run = config.training().toBuilder()
                        .optEpochs(config.epochs())
                        .optSeed(config.seed() * 7919 + t * 1000L + e)
                        .optResume(null)
                        .optAverageLastEpochs(0)
                        .build();
                Path scratch = outDir.resolve(String.format(Locale.ROOT, ".trial-%03d-%d", t, e));
                try {
                    TrainingResult r = new ClassifierTrainer(
                                    hp,
                                    run.toBuilder()
                                            .optCheckpointDir(scratch.resolve("last"))
                                            .build())
                            .train(data, split, scratch.resolve("best"), listener, cancel, store);
                    if (r.canceled()) {
                        canceled = true;
                        break trials;
                    }
                    scores[e] = r.bestMetric();
                } finally {
                    AtomicFiles.deleteRecursively(scratch);
                }
            }
            double mean = 0;
            for (double s : scores) {
                mean += s / scores.length;
            }
            done.add(new SearchResult.Trial(t, hp, mean, scores));
            done.sort(Comparator.comparingDouble(SearchResult.Trial::valAccuracy)
                    .reversed()
                    .thenComparingInt(SearchResult.Trial::index));
            writeTable(table, done);
            listener.onMessage(String.format(
                    Locale.ROOT,
                    "Trial %d: val_acc %.4f (best so far %.4f, trial %d)",
                    t,
                    mean,
                    done.get(0).valAccuracy(),
                    done.get(0).index()));
        }
        if (done.isEmpty()) {
            writeTable(table, done);
            return new SearchResult(List.of(), null, table, null, canceled);
        }
        ClassifierHyperparameters best = done.get(0).hp();
        Path bestBundle = null;
        if (!canceled && config.retrainEpochs() > 0) {
            TrainingResult r = new ClassifierTrainer(
                            best,
                            config.training().toBuilder()
                                    .optEpochs(config.retrainEpochs())
                                    .optSeed(config.seed())
                                    .build())
                    .train(data, split, outDir.resolve("best"), listener, cancel, store);
            bestBundle = r.bundle();
            canceled = r.canceled();
        }
        return new SearchResult(List.copyOf(done), best, table, bestBundle, canceled);
    }

    static void writeTable(Path table, List<SearchResult.Trial> sorted) throws IOException {
        StringBuilder sb = new StringBuilder(
                "drop_1,drop_2,drop_3,drop_4,drop_5,units_1,dense_activation," + "learn_rate,val_acc\n");
        for (SearchResult.Trial t : sorted) {
            Map<String, Object> m = t.hp().toMap();
            for (int i = 1; i <= ClassifierHyperparameters.BLOCKS; i++) {
                sb.append(String.format(Locale.ROOT, "%.2f,", ((Number) m.get("drop_" + i)).doubleValue()));
            }
            sb.append(m.get("units_1"))
                    .append(',')
                    .append(m.get("dense_activation"))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6g,%.6f%n", t.hp().learningRate(), t.valAccuracy()));
        }
        AtomicFiles.writeString(table, sb.toString());
    }
}
