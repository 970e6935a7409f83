package io.github.braintumor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.engine.Precision;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.infer.UNetGraph;
import io.github.braintumor.metrics.Confusion;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.Losses;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.nn.UNetBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * UNet training: tumour-centred or random crops with augmentation, BCE + soft Dice on logits; validation on whole
 * slices of each validation patient, metric = mean over patients of the 3-D Dice (pooled confusion of a patient's
 * slices at threshold 0.5).
 */
final class SegmentationTask implements TrainingTask {
    static final String METRIC = "dice_3d_mean";
    private static final double MAX_ROTATION_DEGREES = 10;
    private static final double MAX_SCALE = 0.1;

    private final UNet.Builder unet;
    private final UNetBlock prototype;
    private final TrainingConfig cfg;
    private final SliceStore store;
    private final VolumeIntensities intensities;
    private final List<SliceRecord> train;
    private final List<SliceRecord> tumourSlices;
    private final Map<String, List<SliceRecord>> validation;
    private Precision precision = Precision.FLOAT32;
    private UNetTrainingGraph graph; // made on the first bfloat16 step, for the trainer's block

    SegmentationTask(UNet.Builder unet, TrainingConfig cfg, SliceStore store, TrainingSets sets) {
        List<SliceRecord> train = sets.train();
        Map<String, List<SliceRecord>> validationByPatient = sets.validation();
        this.intensities = new VolumeIntensities(cfg.normalization(), cfg.augmentation(), store, sets.volumes());
        this.unet = unet;
        this.prototype = unet.build();
        this.cfg = cfg;
        this.store = store;
        this.train = train;
        this.tumourSlices = train.stream().filter(SliceRecord::tumour).toList();
        this.validation = validationByPatient;
        if (train.isEmpty()) {
            throw new IllegalArgumentException("No training slices: the split's TRAIN part is empty");
        }
        if (validationByPatient.isEmpty()) {
            throw new IllegalArgumentException("No validation patients: the patient split gave none to validation (the"
                    + " automatic split takes one per hospital only from hospitals with at least 3 patients): add"
                    + " patients, or give a split CSV (patient,hospital,part; --split, or split= in Fiji) with at"
                    + " least one VALIDATION patient");
        }
    }

    @Override
    public String metricName() {
        return METRIC;
    }

    @Override
    public ModelInfo.Builder describe() throws LggDataException {
        int side = store.get(train.get(0)).image().width(); // slices the model was trained for (LGG: 256)
        return ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(
                        prototype.getInChannels(), prototype.getFeatures(), prototype.getDepth()))
                .optInputSize(side);
    }

    @Override
    public Block newBlock() {
        return unet.build();
    }

    @Override
    public Shape inputShape(int batchSize) {
        return new Shape(batchSize, prototype.getInChannels(), cfg.cropSize(), cfg.cropSize());
    }

    @Override
    public Loss loss() {
        return Losses.bceDice();
    }

    @Override
    public double[] defaultTumourFraction() {
        return new double[] {0.7, 0}; // 0 = every draw uniform over all training slices (natural proportion)
    }

    @Override
    public Precision trainIn(Precision wanted) {
        precision = wanted == Precision.BFLOAT16 ? Precision.BFLOAT16 : Precision.FLOAT32;
        return precision;
    }

    @Override
    public NDList trainingForward(Trainer trainer, NDList batch) {
        if (precision != Precision.BFLOAT16) return trainer.forward(batch);
        if (graph == null)
            graph = UNetTrainingGraph.of((UNetBlock) trainer.getModel().getBlock(), true);
        return new NDList(graph.forward(batch.singletonOrThrow()));
    }

    @Override
    public int trainingSlices() {
        return train.size();
    }

    @Override
    public NDList[] trainingBatch(NDManager m, int size, double tumourFraction, Random rng) throws LggDataException {
        int crop = cfg.cropSize();
        int channels = prototype.getInChannels();
        float[] x = new float[size * channels * crop * crop];
        float[] y = new float[size * crop * crop];
        for (int n = 0; n < size; n++) {
            boolean centred = !tumourSlices.isEmpty() && rng.nextDouble() < tumourFraction;
            SliceRecord r =
                    centred ? tumourSlices.get(rng.nextInt(tumourSlices.size())) : train.get(rng.nextInt(train.size()));
            SliceStore.Slice s = store.get(r);
            int h = s.image().height();
            int w = s.image().width();
            int y0;
            int x0;
            int[] tumourPixel = centred ? randomForegroundPixel(s.mask(), rng) : null;
            if (tumourPixel != null) { // centre near the tumour, random offset up to a quarter crop
                y0 = clamp(tumourPixel[0] - crop / 2 + offset(rng, crop), h - crop);
                x0 = clamp(tumourPixel[1] - crop / 2 + offset(rng, crop), w - crop);
            } else {
                y0 = rng.nextInt(h - crop + 1);
                x0 = rng.nextInt(w - crop + 1);
            }
            CropSampler.Transform t = CropSampler.Transform.plain(y0, x0, crop);
            if (cfg.augment()) {
                t = t.augmented(rng, MAX_ROTATION_DEGREES, MAX_SCALE);
            }
            float[] image = intensities.trainingInput(r, s.image(), rng);
            CropSampler.sample(image, channels, h, w, t, crop, x, n * channels * crop * crop, false);
            CropSampler.sample(maskFloats(s.mask()), 1, h, w, t, crop, y, n * crop * crop, true);
        }
        NDArray data = ChannelsLast.batch(m, x, new Shape(size, channels, crop, crop));
        NDArray labels = m.create(y, new Shape(size, 1, crop, crop));
        return new NDList[] {new NDList(data), new NDList(labels)};
    }

    private static int offset(Random rng, int crop) {
        int q = Math.max(1, crop / 4);
        return rng.nextInt(2 * q + 1) - q;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static int[] randomForegroundPixel(SliceMask mask, Random rng) {
        byte[] px = mask.pixels();
        int count = 0;
        for (byte b : px) {
            if (b != 0) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        int k = rng.nextInt(count);
        for (int i = 0; i < px.length; i++) {
            if (px[i] != 0 && k-- == 0) {
                return new int[] {i / mask.width(), i % mask.width()};
            }
        }
        return null;
    }

    private static float[] maskFloats(SliceMask mask) {
        byte[] px = mask.pixels();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = px[i] != 0 ? 1f : 0f;
        }
        return f;
    }

    @Override
    public Validation validate(Block block, NDManager m, BooleanSupplier cancel) throws LggDataException {
        Loss loss = loss();
        int batchSize = cfg.validationBatchSize();
        // Validation sees the model as inference runs it: on a CPU one graph with BatchNorm folded, in the inference
        // precision (bfloat16 where the CPU has it), so the epoch kept is the best one as users will run it.
        Precision inference = Precision.processDefault().resolve(m.getDevice());
        boolean bf16 = inference == Precision.BFLOAT16;
        try (NDManager weights = m.newSubManager()) {
            UNetGraph graph = block instanceof UNetBlock unet && ChannelsLast.suits(m.getDevice())
                    ? UNetGraph.of(unet, weights, bf16)
                    : null;
            return validate(block, graph, bf16, m, batchSize, loss, cancel);
        }
    }

    private Validation validate(
            Block block, UNetGraph graph, boolean bf16, NDManager m, int batchSize, Loss loss, BooleanSupplier cancel)
            throws LggDataException {
        double lossSum = 0;
        int lossBatches = 0;
        double diceSum = 0;
        Confusion all = Confusion.ZERO;
        for (Map.Entry<String, List<SliceRecord>> patient : validation.entrySet()) {
            Confusion pooled = Confusion.ZERO;
            List<SliceRecord> slices = patient.getValue();
            for (int from = 0; from < slices.size(); from += batchSize) {
                if (cancel.getAsBoolean()) {
                    return null;
                }
                List<SliceRecord> part = slices.subList(from, Math.min(slices.size(), from + batchSize));
                List<SliceStore.Slice> loaded = new ArrayList<>();
                for (SliceRecord r : part) {
                    loaded.add(store.get(r));
                }
                int h = loaded.get(0).image().height();
                int w = loaded.get(0).image().width();
                int c = prototype.getInChannels();
                float[] x = new float[part.size() * c * h * w];
                float[] y = new float[part.size() * h * w];
                for (int n = 0; n < loaded.size(); n++) {
                    System.arraycopy(
                            intensities.validationInput(
                                    part.get(n), loaded.get(n).image()),
                            0,
                            x,
                            n * c * h * w,
                            c * h * w);
                    System.arraycopy(maskFloats(loaded.get(n).mask()), 0, y, n * h * w, h * w);
                }
                try (NDManager sub = m.newSubManager()) {
                    NDArray data = ChannelsLast.batch(sub, x, new Shape(part.size(), c, h, w));
                    NDArray labels = sub.create(y, new Shape(part.size(), 1, h, w));
                    NDList logits = graph == null
                            ? block.forward(new ParameterStore(sub, false), new NDList(data), false)
                            : new NDList(
                                    TorchCasts.toFloat32(graph.forward(bf16 ? TorchCasts.toBfloat16(data) : data)));
                    lossSum += loss.evaluate(new NDList(labels), logits)
                            .toType(DataType.FLOAT64, false)
                            .getDouble();
                    lossBatches++;
                    byte[] predicted = logits.singletonOrThrow()
                            .gt(0)
                            .toType(DataType.INT8, false)
                            .toByteArray(); // logit > 0  <=>  probability > 0.5
                    byte[] truth = new byte[y.length];
                    for (int i = 0; i < y.length; i++) {
                        truth[i] = (byte) (y[i] > 0.5f ? 1 : 0);
                    }
                    pooled = pooled.plus(Confusion.of(predicted, truth));
                }
            }
            diceSum += pooled.dice();
            all = all.plus(pooled);
        }
        double mean = diceSum / validation.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(METRIC, mean);
        metrics.put("dice_pooled", all.dice());
        metrics.put("iou_pooled", all.iou());
        metrics.put("validation_patients", (double) validation.size());
        return new Validation(lossSum / Math.max(1, lossBatches), mean, all.dice(), metrics);
    }
}
