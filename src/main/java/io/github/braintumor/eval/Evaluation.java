package io.github.braintumor.eval;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.engine.Bounds;
import io.github.braintumor.infer.InferenceOptions;
import io.github.braintumor.metrics.ThresholdSweep;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a UNet and/or a slice classifier (or masks predicted earlier) on a data folder, per patient, per
 * hospital, per slice position and per threshold, and writes the results with a readable {@code report.html}
 * (see {@link EvaluationReport} for the files).
 *
 * <p>Patients are streamed: one patient's slices, probabilities and masks are in memory at a time, so memory use
 * does not grow with the data set. Every post-processing step asked for is measured with and without it
 * ({@link Variant}); the summary's headline numbers are those of everything asked for.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluation.builder(LggDataset.index(Path.of("kaggle_3m")))
 *         .optUnet(Path.of("models/unet")).optClassifier(Path.of("models/classifier"))
 *         .optLargestComponent(true).optMinimumArea(20)
 *         .setOutput(Path.of("eval-out")).build().run();
 * Double dice = r.summary().dicePerPatientMean();
 *
 * // masks written earlier by `brain-tumor segment` (<patient>/<slice>_pred.tif), no model needed:
 * Evaluation.ofPredictions(truth, Path.of("seg-out")).setOutput(Path.of("eval-out")).build().run();
 *
 * // the same in two halves, for workers elsewhere (the Spark module): score each patient, add the scores up
 * try (PatientScorer s = Evaluation.forCohort(root).optUnet(unet).buildScorer()) { scores.add(s.score(patient)); }
 * EvaluationReport.write(Evaluation.forCohort(root).optUnet(unet).setOutput(out).build()
 *         .combine(records, scores, seconds));
 * }</pre>
 */
public final class Evaluation {

    private final Builder b;
    private final List<PatientRecord> patients;

    private Evaluation(Builder b, List<PatientRecord> patients) {
        this.b = b;
        this.patients = patients;
    }

    /** An evaluation of models (given with {@code opt*}) on {@code data}. */
    public static Builder builder(LggDataset data) {
        return new Builder(data);
    }

    /**
     * An evaluation of predicted masks {@code <predictions>/<patient>/<image stem>_pred.tif} (what
     * {@code brain-tumor segment} writes) against the data's masks; no model, no threshold sweep.
     */
    public static Builder ofPredictions(LggDataset truth, Path predictionsFolder) {
        return new Builder(truth).masks(new MaskSource.Predictions(predictionsFolder));
    }

    /**
     * Settings for evaluating patients one by one elsewhere ({@link Builder#buildScorer()}) and adding up their
     * scores here ({@link #combine}), without an index of the data: distributed runs (the Spark module) list and
     * read the patients themselves. {@code dataRoot} is only recorded in the summary ({@code options.data}).
     * {@link #run()} is refused: it needs the data set.
     */
    public static Builder forCohort(Path dataRoot) {
        Builder b = new Builder(null, dataRoot);
        return b;
    }

    /** Settings: output folder required; models, predictions and options optional. */
    public static final class Builder {
        private final LggDataset data;
        private List<String> patientIds;
        private Path classifier, output;
        private MaskSource masks;
        private boolean severalMaskSources;
        private ClassificationModel classificationModel;
        private String classificationName;
        private Double threshold;
        private double classifierThreshold = Double.NaN;
        private boolean lcc, tta;
        private String lccBy;
        private int minArea;
        private int batchSize = InferenceOptions.DEFAULT_BATCH_SIZE;
        private InputCondition condition = InputCondition.AS_IS;
        private List<EvaluationSummary.RobustnessRow> robustness;
        private ProgressListener progress = ProgressListener.silent();
        private BooleanSupplier cancel = () -> false;

        private final Path dataRoot;

        private Builder(LggDataset data) {
            if (data == null) throw new IllegalArgumentException("No data set given: index a data folder first");
            this.data = data;
            this.dataRoot = data.root();
        }

        private Builder(LggDataset data, Path dataRoot) {
            this.data = data;
            this.dataRoot = dataRoot;
        }

        /** Only these patients, in this order (default: all of the data set). */
        public Builder optPatients(List<String> ids) {
            this.patientIds = ids == null ? null : List.copyOf(ids);
            return this;
        }

        /** UNet bundle folder; loaded (and its kind checked) when the evaluation runs. */
        public Builder optUnet(Path bundle) {
            return bundle == null ? this : masks(new MaskSource.UnetBundle(bundle));
        }

        /** Where the masks come from (null: none, a classifier alone); a second source is refused when built. */
        public Builder optMasks(MaskSource source) {
            return source == null ? this : masks(source);
        }

        private Builder masks(MaskSource source) {
            if (masks != null && !masks.equals(source)) severalMaskSources = true;
            masks = source;
            return this;
        }

        /** Classifier bundle folder; loaded (and its kind checked) when the evaluation runs. */
        public Builder optClassifier(Path bundle) {
            this.classifier = bundle;
            return this;
        }

        /** A segmentation model in memory (tests, other engines) instead of a bundle. */
        public Builder optSegmentationModel(SegmentationModel model, String name, double defaultThreshold) {
            if (threshold == null) this.threshold = defaultThreshold;
            return masks(new MaskSource.InMemory(model, name));
        }

        /** A slice classifier in memory instead of a bundle; slices with probability >= threshold are tumour. */
        public Builder optClassificationModel(ClassificationModel model, String name, double threshold) {
            this.classificationModel = model;
            this.classificationName = name;
            this.classifierThreshold = threshold;
            return this;
        }

        /** Probability threshold of the UNet (default: the bundle's). */
        public Builder optThreshold(double t) {
            this.threshold = t;
            return this;
        }

        /** Which components {@code lcc} keeps ({@link PostProcessingSettings#lccBy()}; null = the largest by size). */
        public Builder optLccBy(String rule) {
            this.lccBy = rule;
            return this;
        }

        /** Keep only the largest 3-D connected tumour region per patient. */
        public Builder optLargestComponent(boolean on) {
            this.lcc = on;
            return this;
        }

        /** Test-time augmentation: average with the left-right mirrored input. */
        public Builder optTta(boolean on) {
            this.tta = on;
            return this;
        }

        /** Empty slices whose predicted area is below this many pixels (0 = off). */
        public Builder optMinimumArea(int pixels) {
            this.minArea = pixels;
            return this;
        }

        public Builder optBatchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Alters every slice before the models see it (simulated missing modality, brightness); default as-is. */
        public Builder optCondition(InputCondition c) {
            this.condition = c == null ? InputCondition.AS_IS : c;
            return this;
        }

        /**
         * Rows of other conditions evaluated on the same patients ({@link EvaluationSummary.RobustnessRow#of}); this evaluation adds its
         * own row and writes them all as {@code modalities.csv}, a chart and a {@code robustness} section.
         */
        public Builder optRobustness(List<EvaluationSummary.RobustnessRow> rows) {
            this.robustness = rows;
            return this;
        }

        public Builder optProgress(ProgressListener p) {
            this.progress = p == null ? ProgressListener.silent() : p;
            return this;
        }

        /** Polled between patients; true stops the evaluation with a {@link CancellationException}. */
        public Builder optCancel(BooleanSupplier c) {
            this.cancel = c == null ? () -> false : c;
            return this;
        }

        /** Folder for summary.json, the CSV tables, the pictures and report.html (created if missing). */
        public Builder setOutput(Path dir) {
            this.output = dir;
            return this;
        }

        /**
         * @throws IllegalArgumentException missing output, nothing to evaluate, a patient listed twice or
         *                                  unknown, a threshold outside [0, 1], TTA without a model, ...
         */
        public Evaluation build() {
            if (output == null) throw new IllegalArgumentException("No output folder given (setOutput)");
            check();
            if (masks instanceof MaskSource.Predictions p && !Files.isDirectory(p.folder())) {
                throw new IllegalArgumentException("Predictions folder " + p.folder() + " does not exist: give the"
                        + " --out folder of 'brain-tumor segment'");
            }
            return new Evaluation(this, data == null ? List.of() : selectPatients());
        }

        /**
         * Loads the models once for evaluating patients one at a time ({@link PatientScorer#score}); the output folder,
         * the patient list and the data index are not needed. Close it after use.
         *
         * @throws IllegalArgumentException as {@link #build()}
         * @throws BundleException a bundle that is missing, damaged or of the wrong kind
         */
        public PatientScorer buildScorer() throws Exception {
            check();
            return new PatientScorer(scoring());
        }

        private void check() {
            if (severalMaskSources) {
                throw new IllegalArgumentException("Give one source of masks: a UNet bundle, a segmentation model or"
                        + " a predictions folder, not several");
            }
            if (masks == null && classifier == null && classificationModel == null) {
                throw new IllegalArgumentException("Nothing to evaluate: give a UNet bundle, a classifier bundle or"
                        + " a folder of predicted masks");
            }
            if (classifier != null && classificationModel != null) {
                throw new IllegalArgumentException("Give a classifier bundle or a classification model, not both");
            }
            if (tta && (masks == null || !masks.rerunnable())) {
                throw new IllegalArgumentException(
                        "Test-time augmentation needs a UNet: predicted masks cannot be" + " re-run mirrored");
            }
            if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("Threshold must be between 0 and 1, got " + threshold);
            }
            if (minArea < 0) throw new IllegalArgumentException("Minimum area must be >= 0 pixels, got " + minArea);
            Bounds.batchSize(batchSize, "batch size");
            if (masks != null && !masks.rerunnable() && !condition.asIs()) {
                throw new IllegalArgumentException("Simulated input conditions need a model: predicted masks were"
                        + " made from the input as it was");
            }
        }

        /** What scoring a patient needs of these settings. */
        private PatientScorer.Settings scoring() {
            return new PatientScorer.Settings(
                    masks,
                    classifier,
                    classificationModel,
                    threshold,
                    batchSize,
                    tta,
                    lcc,
                    minArea,
                    lccBy,
                    condition,
                    cancel);
        }

        private List<PatientRecord> selectPatients() {
            if (patientIds == null) {
                if (data.patients().isEmpty()) {
                    throw new IllegalArgumentException("No patients in " + data.root() + ": nothing to evaluate");
                }
                return data.patients();
            }
            if (patientIds.isEmpty()) throw new IllegalArgumentException("The patient list is empty");
            Set<String> seen = new HashSet<>();
            List<PatientRecord> out = new ArrayList<>();
            for (String id : patientIds) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("Patient " + id + " is listed twice: list each patient once");
                }
                out.add(data.patient(id));
            }
            return out;
        }
    }

    /** The patients this evaluation covers, in order. */
    public List<PatientRecord> patients() {
        return patients;
    }

    /**
     * Runs the evaluation and writes its files to the output folder.
     *
     * @throws BundleException a bundle that is missing, damaged or of the wrong kind
     * @throws LggDataException an unreadable slice or a missing predicted mask (the file is named)
     * @throws CancellationException when the cancel supplier said so (nothing is written)
     */
    public EvaluationResult run() throws Exception {
        if (b.data == null) {
            throw new IllegalStateException("An evaluation made by forCohort has no data set to run on: score the"
                    + " patients with buildScorer() and add them up with combine()");
        }
        long start = System.nanoTime();
        Totals totals = new Totals();
        int sliceCount = 0;
        try (PatientScorer scorer = new PatientScorer(b.scoring())) {
            for (int p = 0; p < patients.size(); p++) {
                if (b.cancel.getAsBoolean()) throw new CancellationException("Evaluation canceled");
                PatientRecord patient = patients.get(p);
                totals.add(patient, scorer.score(patient)); // streamed: only counts and a few examples stay
                sliceCount += patient.slices().size();
                report(p + 1, start, patient, sliceCount);
            }
        }
        EvaluationResult result = totals.finish((System.nanoTime() - start) / 1e9);
        EvaluationReport.write(result);
        return result;
    }

    /**
     * Adds up patients scored one by one (here or by workers elsewhere) into the result {@link #run()} gives for
     * the same patients in the same order; writes nothing ({@link EvaluationReport#write} or
     * {@link EvaluationReport#writeTables} do). The bundles' model.json are read again for the summary.
     *
     * @param patients the records to report (their image and mask paths are read for the example pictures)
     * @param scores   one per patient, same order
     * @param seconds  the time the scoring took, for the summary
     */
    public EvaluationResult combine(List<PatientRecord> patients, List<PatientScores> scores, double seconds)
            throws Exception {
        if (patients.size() != scores.size()) {
            throw new IllegalArgumentException(patients.size() + " patients but " + scores.size() + " scores");
        }
        Totals totals = new Totals();
        for (int p = 0; p < patients.size(); p++) totals.add(patients.get(p), scores.get(p));
        return totals.finish(seconds);
    }

    /** The running sums of {@link #run()} and {@link #combine}: one patient's scores added at a time. */
    private final class Totals {
        private final EvaluatedModels r = EvaluatedModels.of(
                b.masks, b.classifier, b.classificationModel, b.classificationName, b.threshold, b.classifierThreshold);
        private final EvaluationResult.Collector collector = new EvaluationResult.Collector(
                r.segmenting() ? Variant.compared(b.tta, b.lcc, b.minArea, b.masks.rerunnable(), b.lccBy) : List.of(),
                EvaluationResult.EXAMPLES);
        private final ThresholdSweep sweep = r.sweeping() ? ThresholdSweep.withDefaultThresholds() : null;

        private Totals() throws Exception {}

        void add(PatientRecord patient, PatientScores s) {
            if (!s.patient().equals(patient.id())) {
                throw new IllegalArgumentException("Scores of " + s.patient() + " given for patient " + patient.id());
            }
            collector.add(patient, s);
            if (sweep != null) for (long[] counts : s.sweepCounts()) sweep.acceptCounts(counts);
        }

        EvaluationResult finish(double seconds) {
            EvaluationResult.Settings settings = new EvaluationResult.Settings(
                    r.threshold(),
                    r.classifierThreshold(),
                    b.lcc,
                    b.tta,
                    b.minArea,
                    r.models(),
                    r.modelInfos(),
                    r.unetLearningCurve(),
                    r.classifierLearningCurve(),
                    b.dataRoot);
            return collector.finish(settings, sweep, seconds, b.output, b.condition, b.robustness);
        }
    }

    private void report(int done, long start, PatientRecord patient, int slices) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        Duration eta = Duration.ofMillis((long) (elapsed / done * (patients.size() - done) * 1000));
        String message = String.format(
                Locale.ROOT,
                "evaluated %s (%d/%d patients, %d slices, %.1f s)",
                patient.id(),
                done,
                patients.size(),
                slices,
                elapsed);
        b.progress.onProgress(Progress.of(done, patients.size(), eta, message));
    }
}
