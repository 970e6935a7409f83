package io.github.braintumor.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.engine.EngineOptions;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.infer.DefaultSegmenter;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.infer.Segmenter;
import io.github.braintumor.infer.StageClock;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.Blocks;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.Losses;
import io.github.braintumor.nn.SliceClassifierNet;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.progress.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Measures this project's speed on the CPU in the same terms as the peer ({@code shared/bench/peer/bench_peer.py}):
 * UNet and classifier inference slices/s at batch 1 and 8 (evaluation mode, no gradient, median of timed runs
 * after warm-up), one Adam training step at batch 8, the time split of segmenting a synthetic patient from TIFF
 * files (reading / conversion / inference / post-processing), memory while segmenting many slices, and peak
 * memory and threads. All slices are synthetic ({@link PhantomGenerator}); nothing needs real data.
 *
 * <pre>{@code
 * Map<String, Object> result = Benchmark.run(BenchConfig.builder().optThreads(1).build(), System.err);
 * BenchReport.write(Path.of("bench.json"), result);
 * }</pre>
 */
public final class Benchmark {
    private static final long SEED = 42;
    private static final int CHANNELS = 3;
    /** Batch of the stack split, the patient timing and the memory check: InferenceOptions' default. */
    static final int STACK_BATCH = InferenceOptions.defaults().batchSize();

    private Benchmark() {}

    /**
     * Runs every measurement; progress lines go to {@code log}.
     *
     * @return the result as nested insertion-ordered maps (keys: {@link BenchReport#TOP_KEYS})
     */
    public static Map<String, Object> run(BenchConfig c, PrintStream log) throws Exception {
        if (!DjlEngine.isStarted()) {
            EngineOptions.Builder eo = EngineOptions.builder().optInteropThreads(1);
            if (c.threads() > 0) eo.optThreads(c.threads());
            DjlEngine.start(eo.build());
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool", "brain-tumor-djl");
        r.put("when", java.time.OffsetDateTime.now().withNano(0).toString());
        r.put("machine", Machine.describe());
        r.put("threads", threads(c));
        r.put("config", config(c));
        Map<String, Object> unet = unet(c, log);
        r.put("unet", unet);
        r.put("conv_headroom", convHeadroom(c, unet, log));
        r.put("cnn", classifier(c, log));
        Path scratch = Files.createTempDirectory("brain-tumor-bench");
        try {
            Path bundleDir = scratch.resolve("unet-bundle");
            writeUnetBundle(bundleDir, c.stackFeatures(), c.size());
            try (ModelBundle bundle = ModelBundle.load(bundleDir, ModelKind.UNET)) {
                r.put("stack", stackSplit(c, bundle, scratch, log));
                r.put("memory_flat", memoryFlat(c, bundle, log));
            }
        } finally {
            deleteRecursively(scratch);
        }
        ProcStatus end = ProcStatus.read();
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("peak_rss_mb", end.peakMb());
        mem.put("rss_mb", end.rssMb());
        mem.put("java_heap_max_mb", ProcStatus.mb(Runtime.getRuntime().maxMemory()));
        r.put("memory", mem);
        r.put("loadavg_after", Machine.loadAverage());
        return r;
    }

    // --- inference and training comparisons ---

    private static Map<String, Object> unet(BenchConfig c, PrintStream log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", c.features());
        Block block = UNet.builder()
                .optInChannels(CHANNELS)
                .optOutChannels(1)
                .optFeatures(c.features())
                .optDepth(4)
                .build();
        inference("unet", block, c, out, log);
        Block trainBlock = UNet.builder()
                .optInChannels(CHANNELS)
                .optOutChannels(1)
                .optFeatures(c.features())
                .optDepth(4)
                .build();
        out.put("train_b8", training("unet", trainBlock, Losses.softDice(), 1e-4f, c, log));
        return out;
    }

    private static Map<String, Object> classifier(BenchConfig c, PrintStream log) throws Exception {
        ClassifierHyperparameters hp = ClassifierHyperparameters.defaults().withInputSize(c.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hyperparameters", hp.toMap());
        inference("cnn", SliceClassifierNet.build(hp, CHANNELS), c, out, log);
        out.put(
                "train_b8",
                training(
                        "cnn",
                        SliceClassifierNet.build(hp, CHANNELS),
                        Losses.bceWithLogits(),
                        (float) hp.learningRate(),
                        c,
                        log));
        return out;
    }

    /** Batch 1 and 8 forward passes in evaluation mode, intermediates freed per call as in BatchedForward. */
    private static void inference(String name, Block block, BenchConfig c, Map<String, Object> out, PrintStream log)
            throws Exception {
        try (Model model = Model.newInstance("bench-" + name, DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            DjlEngine.seed(SEED);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, CHANNELS, c.size(), c.size()));
            out.put("params", Blocks.countTrainableParameters(block));
            AtomicBoolean grad = new AtomicBoolean();
            for (int bs : BenchConfig.BATCHES) {
                int[] plan = c.plan(name, "b" + bs);
                try (NDManager keep = model.getNDManager().newSubManager()) {
                    NDArray x = productBatch(keep, new Shape(bs, CHANNELS, c.size(), c.size()));
                    Timing t = Timing.measure(plan[0], plan[1], () -> grad.compareAndSet(false, forward(block, x)));
                    out.put("b" + bs, t.toMap(bs));
                    log.printf(
                            java.util.Locale.ROOT,
                            "[bench] %s inference batch %d: %.2f slices/s (median %.1f ms)%n",
                            name,
                            bs,
                            t.perSecond(bs),
                            t.medianMs());
                }
            }
            out.put("output_requires_grad", grad.get());
            // Fiji runs commands on other threads; PyTorch's grad mode is per thread (DJL turns it off only on
            // the thread that loaded the engine), so check that path too.
            try (NDManager keep = model.getNDManager().newSubManager()) {
                NDArray x = keep.randomNormal(new Shape(1, CHANNELS, c.size(), c.size()));
                AtomicReference<Object> other = new AtomicReference<>();
                Thread t = new Thread(
                        () -> {
                            try {
                                other.set(forward(block, x));
                            } catch (Exception e) {
                                other.set(e);
                            }
                        },
                        "bench-other-thread");
                t.start();
                t.join();
                if (other.get() instanceof Exception e) throw e;
                out.put("output_requires_grad_other_thread", other.get());
            }
        }
    }

    /**
     * The attainable float32 3x3-convolution rate of libtorch here (one large convolution, 64 -> 64 channels on
     * 4x128x128, output freed per call; the faster of the standard and the channels-last layout) and float32 UNet
     * inference as a fraction of it, from the UNet's counted FLOPs per slice.
     */
    private static Map<String, Object> convHeadroom(BenchConfig c, Map<String, Object> unet, PrintStream log)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        double flops = 2.0 * 4 * 64 * 64 * 9 * 128 * 128;
        try (NDManager keep = NDManager.newBaseManager(DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            Shape xs = new Shape(4, 64, 128, 128);
            float[] values = keep.randomNormal(xs).toFloatArray();
            NDArray w = keep.randomNormal(new Shape(64, 64, 3, 3)).mul(0.05f);
            // the ceiling is the faster layout: standard, or channels-last where this device's batches have it
            double gflops = 0;
            for (boolean channelsLast : new boolean[] {false, true}) {
                if (channelsLast && !ChannelsLast.suits(keep.getDevice())) continue;
                NDArray x = channelsLast ? ChannelsLast.create(keep, values, xs) : keep.create(values, xs);
                NDArray k = channelsLast ? TorchCasts.toChannelsLast(w, false) : w;
                Timing t = Timing.measure(2, 7, () -> {
                    try (NDManager sub = keep.newSubManager()) {
                        x.tempAttach(sub);
                        k.tempAttach(sub);
                        ai.djl.nn.convolutional.Conv2d.conv2d(
                                        x, k, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                                .singletonOrThrow();
                    }
                });
                String layout = channelsLast ? "channels_last" : "standard";
                double rate = flops / (t.medianMs() / 1e3) / 1e9;
                out.put("conv3x3_gflops_" + layout, rate);
                out.put("conv3x3_timing_" + layout, t.toMap(1));
                if (rate > gflops) {
                    gflops = rate;
                    out.put("conv3x3_layout", layout);
                }
            }
            out.put("conv3x3_gflops", gflops);
            double perSlice = unetGflopPerSlice(c.features(), c.size(), 4);
            out.put("unet_gflop_per_slice", perSlice);
            for (int bs : BenchConfig.BATCHES) {
                @SuppressWarnings("unchecked")
                Map<String, Object> b = (Map<String, Object>) unet.get("b" + bs);
                double slicesPerSecond = ((Number) b.get("slices_per_s")).doubleValue();
                out.put("unet_b" + bs + "_fraction", slicesPerSecond * perSlice / gflops);
            }
            log.printf(
                    java.util.Locale.ROOT,
                    "[bench] conv3x3 64->64 4x128x128: %.1f GFLOP/s; UNet %.2f GFLOP/slice, b1 at %.0f%% of it%n",
                    gflops,
                    perSlice,
                    100 * (double) out.get("unet_b1_fraction"));
        }
        return out;
    }

    /** FLOPs (multiply + add) of the UNet's convolutions, transposed convolutions and head for one slice. */
    static double unetGflopPerSlice(int features, int size, int depth) {
        double flops = 0;
        long side = size;
        int in = CHANNELS;
        int[] widths = new int[depth];
        for (int i = 0; i < depth; i++) {
            int w = features << i;
            flops += conv3x3(in, w, side) + conv3x3(w, w, side);
            widths[i] = w;
            in = w;
            side /= 2;
        }
        int bottom = features << depth;
        flops += conv3x3(in, bottom, side) + conv3x3(bottom, bottom, side);
        in = bottom;
        for (int i = depth - 1; i >= 0; i--) {
            int w = widths[i];
            flops += 2.0 * in * w * 4 * side * side; // kernel 2 stride 2: four outputs per input pixel
            side *= 2;
            flops += conv3x3(2 * w, w, side) + conv3x3(w, w, side);
            in = w;
        }
        flops += 2.0 * in * side * side; // 1x1 head to one channel
        return flops / 1e9;
    }

    private static double conv3x3(int in, int out, long side) {
        return 2.0 * in * out * 9 * side * side;
    }

    /** Random normal values in the layout the product's batches have on this device ({@link ChannelsLast#batch}). */
    private static NDArray productBatch(NDManager m, Shape shape) {
        return ChannelsLast.batch(m, m.randomNormal(shape).toFloatArray(), shape);
    }

    /** @return whether the output tracks gradients (it must not in inference) */
    private static boolean forward(Block block, NDArray x) {
        try (NDManager sub = x.getManager().newSubManager()) {
            x.tempAttach(sub); // the call's arrays land in sub and are freed; x returns to its manager
            NDArray y = block.forward(new ParameterStore(sub, false), new NDList(x), false)
                    .singletonOrThrow();
            return y.hasGradient();
        }
    }

    /** One optimisation step (forward, loss, backward, Adam) at batch 8 on fixed random data, as the peer. */
    private static Map<String, Object> training(
            String name, Block block, Loss loss, float lr, BenchConfig c, PrintStream log) throws Exception {
        int bs = BenchConfig.TRAIN_BATCH;
        Shape xShape = new Shape(bs, CHANNELS, c.size(), c.size());
        try (Model model = Model.newInstance("bench-train-" + name, DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            DjlEngine.seed(SEED);
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(lr))
                            .build())
                    .optDevices(new ai.djl.Device[] {DjlEngine.device()});
            try (Trainer trainer = model.newTrainer(tc);
                    NDManager keep = model.getNDManager().newSubManager()) {
                trainer.initialize(xShape);
                NDArray x = productBatch(keep, xShape);
                NDArray y = name.equals("unet")
                        ? keep.randomUniform(0, 1, new Shape(bs, 1, c.size(), c.size()))
                                .gt(0.9)
                                .toType(DataType.FLOAT32, false)
                        : keep.randomInteger(0, 2, new Shape(bs, 1), DataType.INT32)
                                .toType(DataType.FLOAT32, false);
                List<Float> losses = new ArrayList<>();
                int[] plan = c.plan(name, "train");
                Timing t = Timing.measure(plan[0], plan[1], () -> {
                    try (NDManager sub = keep.newSubManager()) {
                        x.tempAttach(sub);
                        y.tempAttach(sub);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(x));
                            NDArray l = trainer.getLoss().evaluate(new NDList(y), pred);
                            gc.backward(l);
                            losses.add(l.getFloat());
                        }
                        trainer.step();
                    }
                });
                Map<String, Object> out = t.toMap(bs);
                out.put("loss_first_last", List.of(losses.get(0), losses.get(losses.size() - 1)));
                out.put("learning_rate", lr);
                log.printf(
                        java.util.Locale.ROOT,
                        "[bench] %s training step batch %d: %.2f slices/s (median %.0f ms)%n",
                        name,
                        bs,
                        t.perSecond(bs),
                        t.medianMs());
                return out;
            }
        }
    }

    // --- a patient from TIFF files, split into stages ---

    private static Map<String, Object> stackSplit(BenchConfig c, ModelBundle bundle, Path scratch, PrintStream log)
            throws Exception {
        Path data = scratch.resolve("phantom");
        PhantomGenerator.builder()
                .optSeed(SEED)
                .optPatients(1)
                .optSlicesPerPatient(c.patientSlices())
                .optSize(c.size())
                .build()
                .write(data);
        List<Path> files =
                LggDataset.index(data).slices().stream().map(SliceRecord::image).toList();
        int runs = c.quick() ? 1 : 3;
        long[] ns = new long[StageClock.Stage.values().length];
        double[] read = new double[runs];
        double[] patient = new double[runs];
        double[][] stages = new double[ns.length][runs];
        // The product path itself (DefaultSegmenter) reports its stages: nothing is measured on a copy of it.
        try (Segmenter seg = new DefaultSegmenter(
                bundle,
                InferenceOptions.builder()
                        .optBatchSize(STACK_BATCH)
                        .optStageClock((stage, t) -> ns[stage.ordinal()] += t)
                        .build())) {
            seg.segment(readAll(files, c.size()), ProgressListener.silent(), () -> false); // warm-up
            for (int i = 0; i < runs; i++) {
                java.util.Arrays.fill(ns, 0);
                long t0 = System.nanoTime();
                List<SliceImage> slices = readAll(files, c.size());
                read[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                seg.segment(slices, ProgressListener.silent(), () -> false);
                patient[i] = (System.nanoTime() - t0) / 1e9 + read[i] / 1e3;
                for (int s = 0; s < ns.length; s++) stages[s][i] = ns[s] / 1e6;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", c.stackFeatures());
        out.put("slices", c.patientSlices());
        out.put("batch", STACK_BATCH);
        String precision = InferenceOptions.defaults()
                .precision()
                .resolve(bundle.model().getNDManager().getDevice())
                .id();
        out.put("precision", precision); // the product's default; the model rows above are float32, as the peer
        out.put("normalization", bundle.info().normalization());
        out.put("runs", runs);
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("reading_ms", Timing.round(Timing.median(read), 1));
        double inference = 0;
        double overhead = 0;
        for (int s = 0; s < stages.length; s++) {
            double m = Timing.median(stages[s]);
            String stage = StageClock.Stage.values()[s].name().toLowerCase(java.util.Locale.ROOT);
            split.put(stage + "_ms", Timing.round(m, 1));
            if (stage.equals("inference")) inference = m;
            else overhead += m;
        }
        out.put("split", split);
        out.put("conversion_plus_postprocessing_pct_of_inference", Timing.round(100 * overhead / inference, 2));
        double seconds = Timing.median(patient);
        out.put("patient_seconds", Timing.round(seconds, 3));
        out.put(
                "patient_seconds_runs",
                java.util.Arrays.stream(patient)
                        .map(v -> Timing.round(v, 3))
                        .boxed()
                        .toList());
        out.put("patient_slices_per_s", Timing.round(c.patientSlices() / seconds, 3));
        log.printf(
                java.util.Locale.ROOT,
                "[bench] stack of %d slices (UNet features %d, %s): %s; DefaultSegmenter incl. reading %.2f s%n",
                c.patientSlices(),
                c.stackFeatures(),
                precision,
                split,
                (Double) out.get("patient_seconds"));
        return out;
    }

    private static List<SliceImage> readAll(List<Path> files, int size) throws IOException {
        List<SliceImage> slices = new ArrayList<>(files.size());
        for (Path f : files) slices.add(LggTiff.readImage(f, size));
        return slices;
    }

    // --- memory while segmenting many slices ---

    private static Map<String, Object> memoryFlat(BenchConfig c, ModelBundle bundle, PrintStream log) {
        int chunk = BenchConfig.FLAT_SAMPLE_EVERY;
        List<SliceImage> phantoms = new ArrayList<>(chunk);
        for (int i = 0; i < chunk; i++)
            phantoms.add(PhantomGenerator.slice(SEED + i, c.size(), i % 3 == 0).image());
        List<Double> samples = new ArrayList<>();
        List<Integer> liveArrays = new ArrayList<>();
        double before = ProcStatus.read().rssMb();
        long t0 = System.nanoTime();
        long tumourPixels = 0;
        try (Segmenter seg = new DefaultSegmenter(
                bundle, InferenceOptions.builder().optBatchSize(STACK_BATCH).build())) {
            for (int done = 0; done < c.flatSlices(); done += chunk) {
                for (SliceMask m : seg.segment(phantoms, ProgressListener.silent(), () -> false)
                        .masks()) {
                    tumourPixels += m.area(); // use the result, as a caller would
                }
                samples.add(ProcStatus.read().rssMb());
                liveArrays.add(bundle.model().getNDManager().getManagedArrays().size());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", c.stackFeatures());
        out.put("slices", c.flatSlices());
        out.put("sample_every", chunk);
        out.put("rss_before_mb", before);
        out.put("rss_mb", samples);
        out.put("first_mb", samples.get(0));
        out.put("last_mb", samples.get(samples.size() - 1));
        out.put(
                "max_mb",
                samples.stream().mapToDouble(Double::doubleValue).max().orElse(-1));
        out.put("growth_first_to_last_mb", Timing.round(samples.get(samples.size() - 1) - samples.get(0), 1));
        out.put("live_arrays_first_last", List.of(liveArrays.get(0), liveArrays.get(liveArrays.size() - 1)));
        out.put("slices_per_s", Timing.round(c.flatSlices() / seconds, 3));
        out.put("predicted_tumour_pixels", tumourPixels);
        log.printf(
                java.util.Locale.ROOT,
                "[bench] memory over %d slices: RSS first %.0f, last %.0f, max %.0f MiB (%.2f slices/s)%n",
                c.flatSlices(),
                samples.get(0),
                samples.get(samples.size() - 1),
                (Double) out.get("max_mb"),
                c.flatSlices() / seconds);
        return out;
    }

    // --- helpers ---

    /** Writes a UNet bundle with seeded random weights (the speed does not depend on the weights). */
    static void writeUnetBundle(Path dir, int features, int size) throws Exception {
        ModelInfo info = ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(CHANNELS, features, 4))
                .optInputSize(size)
                .optModelInputSize(size)
                .build();
        DjlEngine.seed(SEED);
        try (Model m = Model.newInstance("bench-unet-bundle", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            m.setBlock(Architectures.block(info));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, CHANNELS, size, size));
            ModelBundle.save(dir, m, info, Map.of());
        }
    }

    private static Map<String, Object> threads(BenchConfig c) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("requested", c.threads());
        t.put("djl_num_threads", System.getProperty(DjlEngine.NUM_THREADS));
        t.put("djl_num_interop_threads", System.getProperty(DjlEngine.NUM_INTEROP_THREADS));
        t.put("inference_workers", DjlEngine.options().workers()); // stacks: batches side by side (WorkerPool)
        t.put("process_threads", ProcStatus.read().threads());
        return t;
    }

    private static Map<String, Object> config(BenchConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", c.size());
        m.put("features", c.features());
        m.put("stack_features", c.stackFeatures());
        m.put("patient_slices", c.patientSlices());
        m.put("flat_slices", c.flatSlices());
        m.put("quick", c.quick());
        m.put("engine", DjlEngine.describe());
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
