package io.github.braintumor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.engine.ChannelsLast;
import io.github.braintumor.infer.Resampling;
import io.github.braintumor.metrics.ClassificationMetrics;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.Losses;
import io.github.braintumor.nn.SliceClassifierNet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Slice classification (tumour or not): whole slices downscaled by averaging to the hyperparameters' input size,
 * optional flip/rotation/scale augmentation, BCE on logits; validation accuracy at 0.5 (ROC AUC breaks ties) over
 * all slices of the validation patients.
 */
final class ClassificationTask implements TrainingTask {
    static final String METRIC = "accuracy";
    static final int CHANNELS = 3;

    private final ClassifierHyperparameters hp;
    private final TrainingConfig cfg;
    private final SliceStore store;
    private final VolumeIntensities intensities;
    private final List<SliceRecord> train;
    private final List<SliceRecord> tumourSlices;
    private final List<SliceRecord> validation;

    ClassificationTask(ClassifierHyperparameters hp, TrainingConfig cfg, SliceStore store, TrainingSets sets) {
        List<SliceRecord> train = sets.train();
        Map<String, List<SliceRecord>> validationByPatient = sets.validation();
        this.intensities = new VolumeIntensities(cfg.normalization(), cfg.augmentation(), store, sets.volumes());
        this.hp = hp;
        this.cfg = cfg;
        this.store = store;
        this.train = train;
        this.tumourSlices = train.stream().filter(SliceRecord::tumour).toList();
        this.validation =
                validationByPatient.values().stream().flatMap(List::stream).toList();
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("Classifier training needs TRAIN and VALIDATION slices; got "
                    + train.size() + " and " + validation.size());
        }
    }

    @Override
    public String metricName() {
        return METRIC;
    }

    @Override
    public ModelInfo.Builder describe() throws LggDataException {
        int side = store.get(train.get(0)).image().width();
        return ModelInfo.builder(ModelKind.CLASSIFIER)
                .setArchitecture(Architectures.classifierArchitecture(hp))
                .optInputSize(side)
                .optModelInputSize(hp.inputSize());
    }

    @Override
    public Block newBlock() {
        return SliceClassifierNet.build(hp, CHANNELS);
    }

    @Override
    public Shape inputShape(int batchSize) {
        return SliceClassifierNet.inputShape(hp, CHANNELS, batchSize);
    }

    @Override
    public Loss loss() {
        return Losses.bceWithLogits();
    }

    @Override
    public double[] defaultTumourFraction() {
        return new double[] {0, 0}; // natural proportion throughout
    }

    @Override
    public int trainingSlices() {
        return train.size();
    }

    /** Slice as the network sees it: normalized, optionally transformed, downscaled to the input size. */
    private float[] input(SliceStore.Slice s, float[] image, CropSampler.Transform t) {
        int h = s.image().height();
        int w = s.image().width();
        if (t != null) {
            float[] moved = new float[image.length];
            CropSampler.sample(image, CHANNELS, h, w, t, h, moved, 0, false);
            image = moved;
        }
        if (h % hp.inputSize() != 0 || h != w) {
            throw new IllegalArgumentException(
                    "Classifier input size " + hp.inputSize() + " must divide the slice" + " size " + w + "x" + h);
        }
        int factor = h / hp.inputSize();
        return factor == 1 ? image : Resampling.average(image, CHANNELS, h, w, factor);
    }

    @Override
    public NDList[] trainingBatch(NDManager m, int size, double tumourFraction, Random rng) throws LggDataException {
        int side = hp.inputSize();
        float[] x = new float[size * CHANNELS * side * side];
        float[] y = new float[size];
        for (int n = 0; n < size; n++) {
            boolean fromTumour = !tumourSlices.isEmpty() && rng.nextDouble() < tumourFraction;
            SliceRecord r = fromTumour
                    ? tumourSlices.get(rng.nextInt(tumourSlices.size()))
                    : train.get(rng.nextInt(train.size()));
            SliceStore.Slice s = store.get(r);
            CropSampler.Transform t = cfg.augment()
                    ? CropSampler.Transform.plain(0, 0, s.image().height()).augmented(rng, 10, 0.1)
                    : null;
            System.arraycopy(
                    input(s, intensities.trainingInput(r, s.image(), rng), t),
                    0,
                    x,
                    n * CHANNELS * side * side,
                    CHANNELS * side * side);
            y[n] = r.tumour() ? 1f : 0f;
        }
        return new NDList[] {
            new NDList(ChannelsLast.batch(m, x, new Shape(size, CHANNELS, side, side))),
            new NDList(m.create(y, new Shape(size, 1)))
        };
    }

    @Override
    public Validation validate(Block block, NDManager m, BooleanSupplier cancel) throws LggDataException {
        Loss loss = loss();
        int side = hp.inputSize();
        double[] probability = new double[validation.size()];
        boolean[] truth = new boolean[validation.size()];
        double lossSum = 0;
        int lossBatches = 0;
        int batchSize = cfg.validationBatchSize();
        for (int from = 0; from < validation.size(); from += batchSize) {
            if (cancel.getAsBoolean()) {
                return null;
            }
            List<SliceRecord> part = validation.subList(from, Math.min(validation.size(), from + batchSize));
            float[] x = new float[part.size() * CHANNELS * side * side];
            float[] y = new float[part.size()];
            for (int n = 0; n < part.size(); n++) {
                SliceStore.Slice s = store.get(part.get(n));
                System.arraycopy(
                        input(s, intensities.validationInput(part.get(n), s.image()), null),
                        0,
                        x,
                        n * CHANNELS * side * side,
                        CHANNELS * side * side);
                y[n] = part.get(n).tumour() ? 1f : 0f;
                truth[from + n] = part.get(n).tumour();
            }
            try (NDManager sub = m.newSubManager()) {
                NDArray data = ChannelsLast.batch(sub, x, new Shape(part.size(), CHANNELS, side, side));
                NDList logits = block.forward(new ParameterStore(sub, false), new NDList(data), false);
                lossSum += loss.evaluate(new NDList(sub.create(y, new Shape(part.size(), 1))), logits)
                        .toType(DataType.FLOAT64, false)
                        .getDouble();
                lossBatches++;
                float[] p = Activation.sigmoid(logits.singletonOrThrow()).toFloatArray();
                for (int n = 0; n < part.size(); n++) {
                    probability[from + n] = p[n];
                }
            }
        }
        ClassificationMetrics cm = ClassificationMetrics.of(probability, truth, 0.5);
        double auc = ClassificationMetrics.rocAuc(probability, truth).orElse(0.5);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(METRIC, cm.accuracy());
        metrics.put("roc_auc", auc);
        metrics.put("precision", cm.precision());
        metrics.put("recall", cm.recall());
        metrics.put("f1", cm.f1());
        metrics.put("validation_slices", (double) validation.size());
        return new Validation(lossSum / Math.max(1, lossBatches), cm.accuracy(), auc, metrics);
    }
}
