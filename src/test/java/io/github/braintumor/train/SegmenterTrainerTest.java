package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.SixteenBitCopies;
import io.github.braintumor.engine.NativeMemory;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmenterTrainerTest extends PhantomTrainingTest {
    private static TrainingResult train(TrainingConfig cfg, Path out) throws IOException, BundleException {
        return new SegmenterTrainer(UNet.builder().optFeatures(4), cfg)
                .train(set.data(), set.split(), out, ProgressListener.silent(), () -> false);
    }

    @Test
    void lossDecreasesAndBundleLoads() throws Exception {
        Path out = dir.resolve("learn");
        TrainingResult r =
                train(Phantoms.tinyConfig().optEpochs(6).optTumourFraction(0.8).build(), out);
        List<LearningCurve.Row> rows = r.curve().rows();
        assertEquals(6, rows.size());
        assertTrue(
                rows.get(5).trainLoss() < rows.get(0).trainLoss(),
                "loss should fall: " + rows.get(0).trainLoss() + " -> "
                        + rows.get(5).trainLoss());
        assertFalse(r.canceled());
        assertEquals(out, r.bundle());
        assertTrue(r.bestEpoch() >= 1);
        try (ModelBundle b = ModelBundle.load(out, ModelKind.UNET)) {
            assertEquals(4, b.info().architectureInt("features", 0));
            assertEquals(64, b.info().inputSize());
            assertEquals("percentile-zscore", b.info().normalization());
            assertEquals(0.3, b.info().training().augmentationOrDefault().missingModality(), 0);
            assertEquals(4, b.info().training().patients().size());
            assertEquals(r.bestMetric(), b.info().validation().get("dice_3d_mean"), 1e-12);
        }
        assertEquals(7, Files.readAllLines(out.resolve(LearningCurve.FILE_NAME)).size()); // header + 6 epochs
        assertTrue(Files.isRegularFile(dir.resolve("learn-last").resolve(Checkpoint.STATE_FILE)));
    }

    @Test
    void sameSeedGivesSameFirstEpochLoss() throws Exception {
        TrainingConfig cfg = Phantoms.tinyConfig().optEpochs(1).optAugment(true).build();
        double a = train(cfg, dir.resolve("det-a")).curve().rows().get(0).trainLoss();
        double b = train(cfg, dir.resolve("det-b")).curve().rows().get(0).trainLoss();
        assertEquals(a, b, 0.0);
    }

    @Test
    void cancelBeforeFirstValidationGivesNoModel() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Path out = dir.resolve("cancel-early");
        TrainingResult r = new SegmenterTrainer(
                        UNet.builder().optFeatures(4), Phantoms.tinyConfig().build())
                .train(set.data(), set.split(), out, ProgressListener.silent(), () -> polls.incrementAndGet() > 2);
        assertTrue(r.canceled());
        assertNull(r.bundle());
        assertTrue(r.message().contains("no model yet"), r.message());
        assertFalse(Files.exists(out));
    }

    @Test
    void cancelInSecondEpochKeepsBestBundle() throws Exception {
        Path out = dir.resolve("cancel-late");
        AtomicInteger batches = new AtomicInteger();
        long start = System.nanoTime();
        // 4 batches per epoch: the 6th poll is batch 2 of epoch 2 (validation polls too, once per batch)
        TrainingResult r = new SegmenterTrainer(
                        UNet.builder().optFeatures(4),
                        Phantoms.tinyConfig().optEpochs(5).build())
                .train(set.data(), set.split(), out, p -> batches.incrementAndGet(), () -> batches.get() >= 6);
        assertTrue(r.canceled());
        assertEquals(1, r.bestEpoch());
        assertEquals(1, r.curve().rows().size());
        try (ModelBundle b = ModelBundle.load(r.bundle(), ModelKind.UNET)) {
            assertEquals(ModelKind.UNET, b.kind());
        }
        assertTrue((System.nanoTime() - start) / 1e9 < 60, "cancel should return promptly");
    }

    @ParameterizedTest
    @EnumSource(
            value = Precision.class,
            names = {"FLOAT32", "BFLOAT16"})
    void resumedRunEndsExactlyWhereTheUninterruptedRunEnds(Precision precision) throws Exception {
        // augmentation on (geometric, missing modality, intensity): every random draw must replay on resume
        TrainingConfig.Builder cfg =
                Phantoms.tinyConfig().optEpochs(3).optAugment(true).optPrecision(precision);
        String wholeName = "whole-" + precision.id();
        String resume = "resume-" + precision.id();
        TrainingResult whole = train(cfg.build(), dir.resolve(wholeName));
        assertEquals(
                precision.id(),
                ModelBundle.verify(whole.bundle()).training().precision(),
                "model.json records the training precision");
        Path out = dir.resolve(resume);
        TrainingResult first = train(cfg.optMinutes(1e-6).build(), out);
        assertEquals(1, first.curve().rows().size(), "time budget stops after epoch 1");
        assertTrue(Files.isRegularFile(dir.resolve(resume + "-last").resolve(Checkpoint.OPTIMIZER_FILE)));
        TrainingResult second =
                train(cfg.optMinutes(0).optResume(dir.resolve(resume + "-last")).build(), out);
        List<LearningCurve.Row> rows = second.curve().rows();
        assertEquals(3, rows.size());
        for (int e = 0; e < 3; e++) {
            LearningCurve.Row a = whole.curve().rows().get(e);
            assertEquals(a.trainLoss(), rows.get(e).trainLoss(), 1e-6, "train loss of epoch " + (e + 1));
            assertEquals(a.valMetric(), rows.get(e).valMetric(), 1e-6, "validation of epoch " + (e + 1));
            assertEquals(
                    a.learningRate(),
                    rows.get(e).learningRate(),
                    1e-3 * a.learningRate(),
                    "learning rate (the CSV keeps 4 digits) of epoch " + (e + 1));
        }
        float[][] w1 = weights(dir.resolve(wholeName + "-last"));
        float[][] w2 = weights(dir.resolve(resume + "-last"));
        assertEquals(w1.length, w2.length);
        double maxDiff = 0;
        for (int i = 0; i < w1.length; i++) {
            for (int j = 0; j < w1[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(w1[i][j] - w2[i][j]));
            }
        }
        assertTrue(maxDiff <= 1e-6, "weights differ by " + maxDiff);
    }

    /** Every parameter of a checkpoint's weights, in block order. */
    private static float[][] weights(Path checkpoint) throws Exception {
        try (ModelBundle b = ModelBundle.load(checkpoint, ModelKind.UNET)) {
            return b.model().getBlock().getParameters().values().stream()
                    .map(p -> p.getArray().toFloatArray())
                    .toArray(float[][]::new);
        }
    }

    @Test
    void averagingLastEpochsFinishes() throws Exception {
        Path out = dir.resolve("avg");
        List<String> messages = new ArrayList<>();
        TrainingResult r = new SegmenterTrainer(
                        UNet.builder().optFeatures(4),
                        Phantoms.tinyConfig()
                                .optEpochs(3)
                                .optAverageLastEpochs(2)
                                .build())
                .train(
                        set.data(),
                        set.split(),
                        out,
                        new ProgressListener() {
                            @Override
                            public void onProgress(Progress p) {}

                            @Override
                            public void onMessage(String m) {
                                messages.add(m);
                            }
                        },
                        () -> false);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Average of the last 2 epochs")), messages.toString());
        try (ModelBundle b = ModelBundle.load(r.bundle(), ModelKind.UNET)) {
            assertTrue(b.info().validation().get("dice_3d_mean")
                    >= r.curve().rows().stream()
                                    .mapToDouble(LearningCurve.Row::valMetric)
                                    .max()
                                    .orElseThrow()
                            - 1e-12);
        }
    }

    @Test
    void liveArraysStayConstantAcrossEpochs() throws Exception {
        List<Integer> live = new ArrayList<>();
        Pattern p = Pattern.compile("memory after epoch \\d+: (\\d+) live arrays.*");
        new SegmenterTrainer(
                        UNet.builder().optFeatures(4),
                        Phantoms.tinyConfig().optEpochs(4).build())
                .train(
                        set.data(),
                        set.split(),
                        dir.resolve("live"),
                        new ProgressListener() {
                            @Override
                            public void onProgress(Progress progress) {}

                            @Override
                            public void onMessage(String m) {
                                Matcher x = p.matcher(m);
                                if (x.matches()) {
                                    live.add(Integer.parseInt(x.group(1)));
                                }
                            }
                        },
                        () -> false);
        assertEquals(4, live.size());
        // after epoch 1 the optimizer state exists; any later growth is a per-batch or per-epoch leak
        assertEquals(live.get(1), live.get(3), "live arrays per epoch: " + live);
    }

    @Test
    void repeatedRunsDoNotLeakNativeMemory() throws Exception {
        TrainingConfig cfg = Phantoms.tinyConfig().optEpochs(1).build();
        long[] rss = new long[4];
        for (int i = 0; i < rss.length; i++) {
            train(cfg, dir.resolve("mem-" + i));
            System.gc();
            rss[i] = NativeMemory.residentBytes();
        }
        long growth = rss[3] - rss[1];
        // one run's arrays are a few MB; a leak of every batch's activations would add far more per run
        assertTrue(
                growth < 150L << 20, "RSS grew by " + (growth >> 20) + " MiB over 2 runs: " + NativeMemory.describe());
    }

    @Test
    void aSixteenBitDataSetTrainsAsItselfWithAnotherGainAndOffset() throws Exception {
        // the same patients as 16-bit slices twice: gain 1, and gain 13 with offset 300 (another scanner's export)
        LggDataset one = LggDataset.index(SixteenBitCopies.dataset(set.data(), dir.resolve("16bit-1"), 1, 0));
        LggDataset other = LggDataset.index(SixteenBitCopies.dataset(set.data(), dir.resolve("16bit-13"), 13, 300));
        TrainingConfig cfg = Phantoms.tinyConfig().optEpochs(2).build();
        List<LearningCurve.Row> a = new SegmenterTrainer(UNet.builder().optFeatures(4), cfg)
                .train(one, set.split(), dir.resolve("m16-1"), ProgressListener.silent(), () -> false)
                .curve()
                .rows();
        List<LearningCurve.Row> b = new SegmenterTrainer(UNet.builder().optFeatures(4), cfg)
                .train(other, set.split(), dir.resolve("m16-13"), ProgressListener.silent(), () -> false)
                .curve()
                .rows();
        assertEquals(2, a.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 0.0, "train loss of epoch " + (e + 1));
            assertEquals(a.get(e).valMetric(), b.get(e).valMetric(), 0.0, "validation of epoch " + (e + 1));
        }
    }
}
