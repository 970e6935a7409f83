package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.NativeMemory;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.DenseActivation;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultSegmenterTest {
    @TempDir
    static Path dir;

    static Path unet;
    static Path classifier;
    static List<SliceImage> stack = new ArrayList<>();

    @BeforeAll
    static void bundles() throws Exception {
        DjlEngine.start();
        unet = dir.resolve("unet");
        save(
                unet,
                ModelInfo.builder(ModelKind.UNET)
                        .setArchitecture(ModelInfo.unetArchitecture(3, 4, 4))
                        .build(),
                new Shape(1, 3, 256, 256));
        ClassifierHyperparameters hp = new ClassifierHyperparameters(
                new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, 32, DenseActivation.RELU, 1e-3, 4, 64, 0.5);
        classifier = dir.resolve("classifier");
        save(
                classifier,
                ModelInfo.builder(ModelKind.CLASSIFIER)
                        .setArchitecture(Architectures.classifierArchitecture(hp))
                        .optModelInputSize(64)
                        .build(),
                new Shape(1, 3, 64, 64));
        for (int i = 0; i < 20; i++) {
            stack.add(PhantomGenerator.slice(i, 256, i % 2 == 0).image());
        }
    }

    private static void save(Path bundle, ModelInfo info, Shape shape) throws Exception {
        DjlEngine.seed(5);
        try (Model m = Model.newInstance(info.kind(), DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            m.setBlock(Architectures.block(info));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, shape);
            ModelBundle.save(bundle, m, info, Map.of());
        }
    }

    @Test
    void segmentsEverySliceOfAStack() throws Exception {
        AtomicInteger reports = new AtomicInteger();
        try (ModelBundle b = ModelBundle.load(unet, ModelKind.UNET);
                Segmenter s = new DefaultSegmenter(
                        b, InferenceOptions.builder().optBatchSize(6).build())) {
            int arraysBefore = NativeMemory.liveArrays(b.model().getNDManager());
            SegmentationResult r = s.segment(stack, p -> reports.incrementAndGet(), () -> false);
            assertEquals(20, r.probabilities().size());
            assertEquals(20, r.masks().size());
            assertEquals(0.5f, r.threshold());
            assertEquals(4, reports.get()); // ceil(20 / 6) batches
            for (int i = 0; i < 20; i++) {
                float[] p = r.probabilities().get(i);
                assertEquals(256 * 256, p.length);
                for (int k = 0; k < p.length; k++) {
                    assertTrue(p[k] >= 0 && p[k] <= 1, "probability " + p[k]);
                    assertEquals(p[k] >= 0.5f ? 1 : 0, r.masks().get(i).pixels()[k]); // metrics.ThresholdRule
                }
            }
            assertEquals(
                    arraysBefore,
                    NativeMemory.liveArrays(b.model().getNDManager()),
                    "batch arrays must be closed with their sub-manager");
            // batching does not change results
            try (Segmenter one = new DefaultSegmenter(
                    b,
                    InferenceOptions.builder()
                            .optBatchSize(1)
                            .optThreshold(0.3f)
                            .build())) {
                SegmentationResult r1 = one.segment(stack.subList(0, 2), ProgressListener.silent(), () -> false);
                assertEquals(0.3f, r1.threshold());
                float[] a = r.probabilities().get(1);
                float[] c = r1.probabilities().get(1);
                for (int k = 0; k < a.length; k += 97) {
                    assertEquals(a[k], c[k], 1e-4);
                }
            }
        }
    }

    @Test
    void batchesSideBySideGiveWhatOneAtATimeGives() throws Exception {
        int threads = DjlEngine.options().threads();
        int workers = DjlEngine.options().workers();
        try (ModelBundle b = ModelBundle.load(unet, ModelKind.UNET);
                Segmenter s = new DefaultSegmenter(
                        b, InferenceOptions.builder().optBatchSize(3).build())) {
            DjlEngine.configure(1, 1, DjlEngine.options().device());
            SegmentationResult one = s.segment(stack, ProgressListener.silent(), () -> false);
            DjlEngine.configure(1, 2, DjlEngine.options().device());
            AtomicInteger reports = new AtomicInteger();
            SegmentationResult two = s.segment(stack, p -> reports.incrementAndGet(), () -> false);
            assertEquals(7, reports.get()); // ceil(20 / 3) batches, each reported once
            for (int i = 0; i < stack.size(); i++) {
                float[] a = one.probabilities().get(i);
                float[] c = two.probabilities().get(i);
                for (int k = 0; k < a.length; k++) assertEquals(a[k], c[k], 1e-5, "slice " + i + " pixel " + k);
            }
        } finally {
            DjlEngine.configure(threads, workers, DjlEngine.options().device());
        }
    }

    @Test
    void wrongSizeAndChannelsAreClearErrorsUnlessResizing() throws Exception {
        SliceImage small = PhantomGenerator.slice(1, 64, true).image();
        SliceImage gray = new SliceImage(256, 256, 1, new byte[256 * 256]);
        try (ModelBundle b = ModelBundle.load(unet, ModelKind.UNET);
                Segmenter s = new DefaultSegmenter(b, InferenceOptions.defaults());
                Segmenter resizing = new DefaultSegmenter(
                        b, InferenceOptions.builder().optResize(true).build())) {
            IllegalArgumentException size = assertThrows(
                    IllegalArgumentException.class,
                    () -> s.segment(List.of(small), ProgressListener.silent(), () -> false));
            assertTrue(size.getMessage().contains("64x64") && size.getMessage().contains("256x256"), size.getMessage());
            IllegalArgumentException channels = assertThrows(
                    IllegalArgumentException.class,
                    () -> s.segment(List.of(gray), ProgressListener.silent(), () -> false));
            assertTrue(channels.getMessage().contains("1 channel"), channels.getMessage());
            SegmentationResult r = resizing.segment(List.of(small), ProgressListener.silent(), () -> false);
            assertEquals(64 * 64, r.probabilities().get(0).length);
            assertEquals(64, r.masks().get(0).width());
        }
    }

    @Test
    void theStageClockHearsEveryStageOfEveryBatchAndChangesNothing() throws Exception {
        long[] ns = new long[StageClock.Stage.values().length];
        int[] calls = new int[ns.length];
        try (ModelBundle b = ModelBundle.load(unet, ModelKind.UNET);
                Segmenter timed = new DefaultSegmenter(
                        b,
                        InferenceOptions.builder()
                                .optBatchSize(6)
                                .optStageClock((stage, t) -> {
                                    ns[stage.ordinal()] += t;
                                    calls[stage.ordinal()]++;
                                })
                                .build());
                Segmenter plain = new DefaultSegmenter(
                        b, InferenceOptions.builder().optBatchSize(6).build())) {
            SegmentationResult r = timed.segment(stack, ProgressListener.silent(), () -> false);
            SegmentationResult q = plain.segment(stack, ProgressListener.silent(), () -> false);
            for (int i = 0; i < stack.size(); i++)
                assertArrayEquals(q.probabilities().get(i), r.probabilities().get(i));
        }
        int batches = (stack.size() + 5) / 6;
        assertEquals(batches, calls[StageClock.Stage.INFERENCE.ordinal()]);
        assertEquals(batches + 1, calls[StageClock.Stage.CONVERSION.ordinal()]); // + the volume's normalisation
        assertEquals(batches + 1, calls[StageClock.Stage.POSTPROCESSING.ordinal()]); // + thresholding to masks
        for (long t : ns) assertTrue(t > 0, java.util.Arrays.toString(ns));
    }

    @Test
    void cancelStopsBetweenBatches() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (ModelBundle b = ModelBundle.load(unet, ModelKind.UNET);
                Segmenter s = new DefaultSegmenter(
                        b, InferenceOptions.builder().optBatchSize(4).build())) {
            CancellationException e = assertThrows(
                    CancellationException.class,
                    () -> s.segment(stack, ProgressListener.silent(), () -> polls.incrementAndGet() > 2));
            assertTrue(e.getMessage().contains("8 of 20"), e.getMessage());
        }
    }

    @Test
    void classifierGivesOneProbabilityPerSliceAndChecksKind() throws Exception {
        try (ModelBundle b = ModelBundle.load(classifier, ModelKind.CLASSIFIER);
                SliceClassifier c = new DefaultSliceClassifier(b, InferenceOptions.defaults())) {
            double[] p = c.classify(stack, ProgressListener.silent(), () -> false);
            assertEquals(20, p.length);
            for (double v : p) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
            }
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new DefaultSegmenter(b, InferenceOptions.defaults()));
            assertTrue(e.getMessage().contains("classifier"), e.getMessage());
        }
    }
}
