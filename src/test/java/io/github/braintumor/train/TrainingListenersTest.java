package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.braintumor.engine.Precision;
import io.github.braintumor.progress.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of training that are not the loop, without training: stop rules, time left, progress text, layout. */
class TrainingListenersTest {
    private static final EpochPlan PLAN = new EpochPlan(3, 16, 4, 4);

    @Test
    void patienceStopsOnceTheBestIsThatManyEpochsOld() {
        EarlyStop stop = new EarlyStop(
                TrainingConfig.builder().optEpochs(10).optPatience(3).build(), null, System.nanoTime());
        assertNull(stop.reason(4, 2));
        assertEquals("no improvement for 3 epochs (early stop after epoch 5)", stop.reason(5, 2));
        assertNull(stop.reason(10, 1), "the last epoch ends the run anyway");
    }

    @Test
    void timeBudgetStopsAfterTheEpochThatUsedIt() {
        long aMinuteAgo = System.nanoTime() - 60_000_000_000L;
        TrainingConfig cfg =
                TrainingConfig.builder().optEpochs(10).optMinutes(0.5).build();
        assertEquals(
                "time budget of 0.5 minutes used after epoch 1", new EarlyStop(cfg, null, aMinuteAgo).reason(1, 1));
        assertNull(new EarlyStop(cfg, null, System.nanoTime()).reason(1, 1));
    }

    @Test
    void timeLeftCountsTheRemainingBatchesAndValidations() {
        TrainingEta eta = new TrainingEta(PLAN);
        // 2 s a batch, no validation measured yet: 3 batches of epoch 2 and 4 of epoch 3 left
        assertEquals(Duration.ofSeconds(14), eta.afterBatch(2, 1, 2.0));
        // after epoch 2, validated in 3 s: epoch 3's 4 batches and its validation
        assertEquals(Duration.ofSeconds(11), eta.afterEpoch(2, 3.0));
        // 1.5 s a batch: 2 batches and one validation left
        assertEquals(Duration.ofSeconds(6), eta.afterBatch(3, 2, 3.0));
    }

    @Test
    void batchProgressSaysWhereTheRunIs() {
        List<Progress> reports = new ArrayList<>();
        TrainingProgress progress = new TrainingProgress(
                reports::add,
                PLAN,
                Phantoms.tinyConfig().build(),
                "unet",
                Precision.FLOAT32,
                Path.of("out-last"),
                null,
                "dice_3d_mean");
        progress.onBatch(new TrainingListener.BatchEnd(2, 1, 0.5, 1e-3, 2.0));
        Progress p = reports.get(0);
        assertEquals("epoch 2/3 batch 1/4 loss 0.5000 lr 1.00e-03 2.00 samples/s", p.message());
        assertEquals(Duration.ofSeconds(14), p.eta());
        assertEquals(5, p.done());
        assertEquals(12, p.total());
    }

    @Test
    void firstStopReasonWins() {
        List<String> calls = new ArrayList<>();
        TrainingListener first = new TrainingListener() {
            @Override
            public String stopAfter(EpochEnd epoch) {
                calls.add("first");
                return null;
            }
        };
        TrainingListener second = new TrainingListener() {
            @Override
            public String stopAfter(EpochEnd epoch) {
                calls.add("second");
                return "second says stop";
            }
        };
        TrainingListener third = new TrainingListener() {
            @Override
            public String stopAfter(EpochEnd epoch) {
                calls.add("third");
                return "third says stop";
            }
        };
        assertEquals(
                "second says stop",
                TrainingListener.inOrder(List.of(first, second, third)).stopAfter(null));
        assertEquals(List.of("first", "second"), calls);
    }

    @Test
    void lastCheckpointGoesNextToTheBundleUnlessConfigured() {
        Path bundle = Path.of("models", "unet");
        assertEquals(
                bundle.toAbsolutePath().resolveSibling("unet-last"),
                Checkpoint.lastDir(TrainingConfig.builder().build(), bundle));
        Path elsewhere = Path.of("elsewhere");
        assertEquals(
                elsewhere,
                Checkpoint.lastDir(
                        TrainingConfig.builder().optCheckpointDir(elsewhere).build(), bundle));
    }
}
