package io.github.braintumor.eval;

import io.github.braintumor.conversion.SliceFiles;
import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.infer.HorizontalFlip;
import io.github.braintumor.infer.ModalityCheck;
import io.github.braintumor.metrics.Confusion;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.metrics.ThresholdSweep;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The models of an evaluation, loaded once, scoring one patient at a time: what {@link Evaluation#run()} uses and
 * what a worker keeps for all the patients it is given. Reads the patient's slices and masks, runs the models, and
 * measures every post-processing variant asked for. Not thread-safe.
 *
 * <pre>{@code
 * try (PatientScorer s = Evaluation.forCohort(Path.of("kaggle_3m")).optUnet(unet).buildScorer()) {
 *     PatientScores scores = s.score(patient);
 * }
 * }</pre>
 */
public final class PatientScorer implements AutoCloseable {
    /** Receives the masks of the selected post-processing variant of a scored patient (to write them). */
    public interface SelectedMasks {
        void accept(PatientRecord patient, byte[][] masks, int width, int height) throws Exception;
    }

    /** What scoring needs of an {@link Evaluation.Builder}'s settings. */
    record Settings(
            MaskSource masks,
            Path classifier,
            ClassificationModel classificationModel,
            Double threshold,
            int batchSize,
            boolean tta,
            boolean lcc,
            int minArea,
            String lccBy,
            InputCondition condition,
            BooleanSupplier cancel) {}

    private final Settings b;
    private final List<Variant> variants;
    private ModelBundle unetBundle, classifierBundle;
    private BundleModels.Segmentation bundleSegmenter;
    private BundleModels.Classification bundleClassifier;
    private final SegmentationModel segmenter;
    private final ClassificationModel classify;
    private final Double threshold;
    private final ThresholdSweep sweep;

    PatientScorer(Settings b) throws Exception {
        this.b = b;
        try {
            SegmentationModel seg = b.masks() instanceof MaskSource.InMemory m ? m.model() : null;
            ClassificationModel cls = b.classificationModel();
            Double t = b.threshold();
            if (b.masks() instanceof MaskSource.UnetBundle u) {
                unetBundle = ModelBundle.load(u.folder(), ModelKind.UNET);
                bundleSegmenter = BundleModels.segmenter(unetBundle, b.batchSize());
                seg = bundleSegmenter;
                if (t == null) t = (double) unetBundle.info().threshold();
            }
            if (b.classifier() != null) {
                classifierBundle = ModelBundle.load(b.classifier(), ModelKind.CLASSIFIER);
                bundleClassifier = BundleModels.classifier(classifierBundle, b.batchSize());
                cls = bundleClassifier;
            }
            if (seg != null && t == null) t = 0.5;
            this.segmenter = seg;
            this.classify = cls;
            this.threshold = t;
            this.variants = b.masks() != null
                    ? Variant.compared(b.tta(), b.lcc(), b.minArea(), b.masks().rerunnable(), b.lccBy())
                    : List.of();
            // Only its thresholds and scratch space are used: counts go into each patient's scores.
            this.sweep = seg != null ? ThresholdSweep.withDefaultThresholds() : null;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Scores one patient (reads its slices and masks, runs the models). */
    public PatientScores score(PatientRecord patient) throws Exception {
        return score(patient, null);
    }

    /**
     * Scores one patient and hands the selected variant's masks (what {@code segment} would write with the
     * same post-processing) to {@code masks} when not null, before returning.
     */
    public PatientScores score(PatientRecord patient, SelectedMasks masks) throws Exception {
        return evaluatePatient(b, patient, segmenter, classify, threshold, sweep, variants, masks);
    }

    @Override
    public void close() {
        if (bundleSegmenter != null) bundleSegmenter.close();
        if (bundleClassifier != null) bundleClassifier.close();
        if (unetBundle != null) unetBundle.close();
        if (classifierBundle != null) classifierBundle.close();
        bundleSegmenter = null;
        bundleClassifier = null;
        unetBundle = null;
        classifierBundle = null;
    }

    private static PatientScores evaluatePatient(
            Settings b,
            PatientRecord patient,
            SegmentationModel segmenter,
            ClassificationModel classify,
            Double threshold,
            ThresholdSweep sweep,
            List<Variant> variants,
            SelectedMasks selectedMasks)
            throws Exception {
        List<SliceRecord> records = patient.slices();
        int n = records.size();
        List<SliceImage> images = new ArrayList<>(n);
        byte[][] truth = new byte[n][];
        if (segmenter != null || classify != null) {
            // the volume as the core reads a patient folder: 16/32-bit slices scaled per volume, never per slice
            for (SliceImage image :
                    SliceFiles.read(records.stream().map(SliceRecord::image).toList())) {
                images.add(b.condition().apply(image));
            }
        }
        for (int i = 0; i < n; i++) {
            SliceRecord r = records.get(i);
            truth[i] = b.condition()
                    .storeMask(LggTiff.readMask(r.mask(), LggTiff.ANY_SIZE))
                    .pixels();
        }
        images = b.condition().store(images); // the whole volume: a user's 16-bit scan is one image
        int width = 0, height = 0;
        // masks before post-processing, by augmentation (false = plain, true = tta)
        Map<Boolean, byte[][]> thresholded = new LinkedHashMap<>();
        Map<Boolean, List<float[]>> probabilities = new LinkedHashMap<>(); // what they were thresholded from
        double[] maxProbability = new double[n];
        Arrays.fill(maxProbability, Double.NaN);
        long[][] sweepCounts = null;
        if (segmenter != null) {
            width = images.get(0).width();
            height = images.get(0).height();
            List<float[]> plain = checked(segmenter.probabilities(images, b.cancel()), images, patient);
            List<float[]> selected = plain;
            thresholded.put(false, threshold(plain, threshold));
            probabilities.put(false, plain);
            if (b.tta()) {
                List<float[]> flipped = checked(
                        segmenter.probabilities(
                                images.stream().map(HorizontalFlip::flip).toList(), b.cancel()),
                        images,
                        patient);
                selected = HorizontalFlip.average(images, plain, flipped);
                thresholded.put(true, threshold(selected, threshold));
                probabilities.put(true, selected);
            }
            sweepCounts = new long[n][];
            for (int i = 0; i < n; i++) {
                sweepCounts[i] = sweep.sliceCounts(selected.get(i), truth[i]);
                float max = 0;
                for (float v : selected.get(i)) max = Math.max(max, v);
                maxProbability[i] = max;
            }
        } else if (b.masks() instanceof MaskSource.Predictions predictions) {
            byte[][] predicted = new byte[n][];
            for (int i = 0; i < n; i++) {
                Path file = PredictionLayout.path(predictions.folder(), records.get(i));
                if (!Files.isRegularFile(file)) {
                    throw new LggDataException(
                            file,
                            "predicted mask is missing for slice "
                                    + records.get(i).image().getFileName() + "; run 'brain-tumor segment' on this data"
                                    + " into " + predictions.folder() + " or leave the patient out (--patients)");
                }
                SliceMask m = LggTiff.readMask(file, LggTiff.ANY_SIZE);
                if (m.pixels().length != truth[i].length) {
                    throw new LggDataException(
                            file,
                            "predicted mask is " + m.width() + "x" + m.height() + " but the truth mask "
                                    + records.get(i).mask() + " has " + truth[i].length + " pixels");
                }
                width = m.width();
                height = m.height();
                predicted[i] = m.pixels();
            }
            thresholded.put(false, predicted);
        }
        byte[][][] variantMasks = new byte[variants.size()][][];
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            variantMasks[v] = variant.postProcess(
                    thresholded.get(variant.tta()),
                    probabilities.get(variant.tta()),
                    threshold == null ? 0.5 : threshold,
                    width,
                    height);
        }
        double[] classifierProbability = null;
        if (classify != null) {
            classifierProbability = classify.probabilities(images, b.cancel());
            if (classifierProbability.length != n) {
                throw new IllegalStateException("The classifier gave " + classifierProbability.length
                        + " probabilities for the " + n + " slices of patient " + patient.id());
            }
        }
        String modalities =
                images.isEmpty() ? null : ModalityCheck.of(images).volume().id();
        Confusion[][] confusions = new Confusion[n][variants.size()];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < variants.size(); v++) confusions[i][v] = Confusion.of(variantMasks[v][i], truth[i]);
        }
        Map<Integer, byte[]> examples = Map.of();
        int sel = variants.size() - 1;
        if (sel >= 0) {
            Confusion[] selected = new Confusion[n];
            for (int i = 0; i < n; i++) selected[i] = confusions[i][sel];
            examples = EvaluationResult.Collector.exampleCandidates(
                    patient, selected, variantMasks[sel], EvaluationResult.EXAMPLES);
            if (selectedMasks != null) selectedMasks.accept(patient, variantMasks[sel], width, height);
        }
        return PatientScores.of(
                patient, confusions, maxProbability, classifierProbability, modalities, sweepCounts, examples);
    }

    private static List<float[]> checked(List<float[]> maps, List<SliceImage> images, PatientRecord patient) {
        if (maps.size() != images.size()) {
            throw new IllegalStateException("The segmenter gave " + maps.size() + " probability maps for the "
                    + images.size() + " slices of patient " + patient.id());
        }
        return maps;
    }

    /** Foreground where probability >= threshold (as {@link ThresholdSweep} counts it). */
    static byte[][] threshold(List<float[]> probabilities, double threshold) {
        byte[][] out = new byte[probabilities.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ThresholdRule.mask(probabilities.get(i), threshold);
        }
        return out;
    }
}
