package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.DenseActivation;
import io.github.braintumor.nn.SearchSpace;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTrainingTest extends PhantomTrainingTest {
    @Test
    void trainsClassifierBundleWithDownscaledInput() throws Exception {
        ClassifierHyperparameters hp =
                new ClassifierHyperparameters(new double[] {0, 0, 0, 0, 0}, 32, DenseActivation.RELU, 1e-3, 4, 32, 0.0);
        Path out = dir.resolve("classifier");
        TrainingResult r = new ClassifierTrainer(
                        hp, Phantoms.tinyConfig().optEpochs(2).build())
                .train(set.data(), set.split(), out, ProgressListener.silent(), () -> false);
        assertEquals(2, r.curve().rows().size());
        assertTrue(r.bestMetric() >= 0 && r.bestMetric() <= 1);
        try (ModelBundle b = ModelBundle.load(out, ModelKind.CLASSIFIER)) {
            assertEquals(64, b.info().inputSize());
            assertEquals(32, b.info().modelInputSize());
            assertEquals(hp, Architectures.classifierHyperparameters(b.info()));
            assertNotNull(b.info().validation().get("roc_auc"));
            assertEquals(r.bestMetric(), b.info().validation().get("accuracy"), 1e-12);
        }
    }

    @Test
    void randomSearchWritesSortedTrialsTable() throws Exception {
        SearchSpace space = new SearchSpace(4, 32, 0.0);
        TrainingConfig training = Phantoms.tinyConfig().optSamplesPerEpoch(8).build();
        SearchResult r = new RandomSearch()
                .run(
                        set.data(),
                        set.split(),
                        new SearchConfig(2, 1, 2, 5, space, training, 0),
                        dir.resolve("search"),
                        ProgressListener.silent(),
                        () -> false);
        assertFalse(r.canceled());
        assertEquals(2, r.trials().size());
        assertEquals(r.trials().get(0).hp(), r.best());
        List<String> lines = Files.readAllLines(r.table());
        assertEquals("drop_1,drop_2,drop_3,drop_4,drop_5,units_1,dense_activation,learn_rate,val_acc", lines.get(0));
        assertEquals(3, lines.size());
        double first = Double.parseDouble(lines.get(1).split(",")[8]);
        double second = Double.parseDouble(lines.get(2).split(",")[8]);
        assertTrue(first >= second, "sorted by val_acc: " + lines);
        SearchResult.Trial best = r.trials().get(0);
        assertEquals(2, best.executions().length);
        assertEquals((best.executions()[0] + best.executions()[1]) / 2, best.valAccuracy(), 1e-12);
        try (var files = Files.list(dir.resolve("search"))) {
            assertEquals(List.of(r.table()), files.toList(), "execution scratch folders are removed");
        }
    }
}
