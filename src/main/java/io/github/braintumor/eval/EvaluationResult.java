package io.github.braintumor.eval;

import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.metrics.ClassificationMetrics;
import io.github.braintumor.metrics.Confusion;
import io.github.braintumor.metrics.ThresholdSweep;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link Evaluation} found: the summary (the keys of {@code summary.json}) and the tables written as CSV,
 * plus the best and worst slices kept for pictures. All scores come from the {@code metrics} package.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluation.ofPredictions(truth, predFolder).setOutput(out).build().run();
 * Double dice = r.summary().dicePerPatientMean();
 * CsvTable hospitals = r.perHospital();
 * }</pre>
 */
public final class EvaluationResult {
    /** Best and worst slices drawn as overlays. */
    public static final int EXAMPLES = 4;

    /**
     * Threshold, options and model descriptions of the run (null values: not applicable).
     *
     * @param models     what summary.json says about the models ({@code unet}, {@code classifier},
     *                   {@code predictions})
     * @param modelInfos the {@code model.json} of each model read from a bundle, by the same keys (in-memory models
     *                   and predicted masks have none)
     */
    public record Settings(
            Double threshold,
            Double classifierThreshold,
            boolean lcc,
            boolean tta,
            int minArea,
            Map<String, Object> models,
            Map<String, ModelInfo> modelInfos,
            Path unetLearningCurve,
            Path classifierLearningCurve,
            Path data) {}

    /**
     * A slice kept for an overlay picture.
     *
     * @param prediction the predicted mask (selected variant), one byte per pixel
     */
    public record Example(SliceRecord slice, Confusion confusion, byte[] prediction) {}

    private final Settings settings;
    private final EvaluationSummary summary;
    private final CsvTable perSlice, perPatient, perHospital, perPosition, thresholds, postprocessing;
    private final List<Example> best, worst;
    private final Path output;

    private EvaluationResult(
            Settings settings,
            EvaluationSummary summary,
            CsvTable perSlice,
            CsvTable perPatient,
            CsvTable perHospital,
            CsvTable perPosition,
            CsvTable thresholds,
            CsvTable postprocessing,
            List<Example> best,
            List<Example> worst,
            Path output) {
        this.settings = settings;
        this.summary = summary;
        this.perSlice = perSlice;
        this.perPatient = perPatient;
        this.perHospital = perHospital;
        this.perPosition = perPosition;
        this.thresholds = thresholds;
        this.postprocessing = postprocessing;
        this.best = best;
        this.worst = worst;
        this.output = output;
    }

    /** @return this result with its files now in {@code folder} (they were written elsewhere and moved there) */
    EvaluationResult movedTo(Path folder) {
        return new EvaluationResult(
                settings,
                summary,
                perSlice,
                perPatient,
                perHospital,
                perPosition,
                thresholds,
                postprocessing,
                best,
                worst,
                folder);
    }

    /** The headline numbers: what {@code summary.json} holds ({@link EvaluationSummary#toMap()}). */
    public EvaluationSummary summary() {
        return summary;
    }

    public Settings settings() {
        return settings;
    }

    public CsvTable perSlice() {
        return perSlice;
    }

    public CsvTable perPatient() {
        return perPatient;
    }

    public CsvTable perHospital() {
        return perHospital;
    }

    public CsvTable perPosition() {
        return perPosition;
    }

    /** Scores per threshold, or null without a segmentation model (predicted masks have no probabilities). */
    public CsvTable thresholds() {
        return thresholds;
    }

    /** Scores of each post-processing variant, or null without segmentation. */
    public CsvTable postprocessing() {
        return postprocessing;
    }

    /**
     * Tumour slices segmented best (highest Dice first), each from a different patient while there are enough
     * patients (see {@link ExamplePicker}).
     */
    public List<Example> best() {
        return best;
    }

    /**
     * Slices with tumour or prediction segmented worst (lowest Dice first), each from a different patient while there
     * are enough patients.
     */
    public List<Example> worst() {
        return worst;
    }

    /** The folder the files were written to. */
    public Path output() {
        return output;
    }

    /** Whether masks were evaluated (a UNet or predictions), not only a classifier. */
    public boolean hasSegmentation() {
        return postprocessing != null;
    }

    /** Collects one patient at a time; keeps per-slice counts, not pixels (except the few examples). */
    static final class Collector {
        private final List<Variant> variants;
        private final EvaluationTables t;
        private final ExamplePicker best, worst;

        Collector(List<Variant> variants, int examples) {
            this.variants = variants;
            this.t = new EvaluationTables(variants);
            this.best = new ExamplePicker(examples, BEST);
            this.worst = new ExamplePicker(examples, WORST);
        }

        /** Adds one patient's scores (patients in the order they were evaluated). */
        void add(PatientRecord patient, PatientScores scores) {
            t.addPatient(patient, scores.modalities(), scores.classifierProbability() != null);
            int selected = variants.size() - 1;
            for (int i = 0; i < patient.slices().size(); i++) {
                Confusion[] c = new Confusion[variants.size()];
                for (int v = 0; v < c.length; v++) c[v] = scores.confusion(i, v);
                SliceRecord slice = patient.slices().get(i);
                double classifier =
                        scores.classifierProbability() == null ? Double.NaN : scores.classifierProbability()[i];
                t.add(new EvaluationTables.Row(slice, c, scores.maxProbability()[i], classifier));
                byte[] mask = scores.exampleMasks().get(i);
                // Only a patient's own best and worst can be among all patients' best and worst.
                if (selected >= 0 && mask != null) offer(new Example(slice, c[selected], mask));
            }
        }

        private void offer(Example e) {
            if (e.confusion().bothEmpty()) return;
            if (!e.confusion().truthEmpty()) best.offer(e);
            worst.offer(e);
        }

        /**
         * The slices of one patient that may be drawn as examples (its own best and worst), by index, with the
         * selected variant's mask: what {@link PatientScores} carries instead of every mask.
         */
        static Map<Integer, byte[]> exampleCandidates(
                PatientRecord patient, Confusion[] selected, byte[][] masks, int examples) {
            Collector one = new Collector(List.of(), examples);
            for (int i = 0; i < selected.length; i++) {
                one.offer(new Example(patient.slices().get(i), selected[i], masks[i]));
            }
            Map<Integer, byte[]> out = new TreeMap<>();
            for (List<Example> list : List.of(one.best.picked(), one.worst.picked())) {
                for (Example e : list) out.put(patient.slices().indexOf(e.slice()), e.prediction());
            }
            return out;
        }

        // Ties: the larger tumour first (more to see), then patient and slice, so the pick never depends on the
        // order the patients were scored in.
        private static final Comparator<Example> TIES = Comparator.comparingLong(
                        (Example x) -> -x.confusion().truthArea())
                .thenComparing(x -> x.slice().patientId())
                .thenComparingInt(x -> x.slice().sliceNumber());
        static final Comparator<Example> BEST =
                Comparator.comparingDouble((Example x) -> -x.confusion().dice()).thenComparing(TIES);
        static final Comparator<Example> WORST =
                Comparator.comparingDouble((Example x) -> x.confusion().dice()).thenComparing(TIES);

        EvaluationResult finish(
                Settings settings,
                ThresholdSweep sweep,
                double seconds,
                Path output,
                InputCondition condition,
                List<EvaluationSummary.RobustnessRow> robustness) {
            boolean seg = !variants.isEmpty();
            int sel = variants.size() - 1;
            List<EvaluationTables.Row> rows = t.rows();
            int slices = rows.size();
            long tumourSlices = seg
                    ? rows.stream()
                            .filter(r -> !r.byVariant()[sel].truthEmpty())
                            .count()
                    : rows.stream().filter(r -> r.slice().tumour()).count();
            EvaluationSummary.Segmentation selected = seg ? t.segmentation(sel) : t.segmentation(-1);
            ClassificationMetrics cm =
                    t.classified() ? t.classifierMetrics(r -> true, settings.classifierThreshold()) : null;
            Double classifierAuc = t.classified()
                    ? Stats.boxed(ClassificationMetrics.rocAuc(
                            EvaluationTables.classifierScores(rows), EvaluationTables.truth(rows)))
                    : null;
            Double segAsClassifierAccuracy = seg
                    ? ClassificationMetrics.of(
                                    rows.stream()
                                            .mapToDouble(r -> r.byVariant()[sel].predictionEmpty() ? 0 : 1)
                                            .toArray(),
                                    EvaluationTables.truth(rows),
                                    0.5)
                            .accuracy()
                    : null;
            ThresholdSweep.Point bestPoint =
                    sweep != null && sweep.sliceCount() > 0 ? sweep.best(ThresholdSweep.Metric.POOLED_DICE) : null;
            EvaluationSummary.Options options = new EvaluationSummary.Options(
                    settings.lcc(),
                    settings.tta(),
                    settings.minArea(),
                    settings.data() == null
                            ? null
                            : settings.data().toAbsolutePath().toString(),
                    condition.name());
            Map<String, EvaluationSummary.Segmentation> byVariant = new LinkedHashMap<>();
            for (int v = 0; v < variants.size(); v++)
                byVariant.put(variants.get(v).name(), t.segmentation(v));
            EvaluationSummary s = new EvaluationSummary(
                    t.patients().size(),
                    slices,
                    tumourSlices,
                    seg ? settings.threshold() : null,
                    selected.dicePerPatientMean(),
                    selected.dicePerPatientMedian(),
                    selected.iouTumourSlicesMean(),
                    selected.diceTumourSlicesMean(),
                    selected.iouAllSlicesMean(),
                    selected.iouMicro(),
                    selected.pixelAccuracy(),
                    selected.emptySlicesFalsePositiveRate(),
                    seg ? t.volumeErrorMean(sel) : null,
                    cm == null ? null : cm.accuracy(),
                    classifierAuc,
                    cm == null ? null : cm.precision(),
                    cm == null ? null : cm.recall(),
                    cm == null ? null : settings.classifierThreshold(),
                    segAsClassifierAccuracy,
                    seconds,
                    seconds > 0 ? slices / seconds : null,
                    bestPoint == null ? null : bestPoint.threshold(),
                    bestPoint == null ? null : bestPoint.pooledDice(),
                    settings.models(),
                    options,
                    null,
                    byVariant);
            if (robustness != null) {
                List<EvaluationSummary.RobustnessRow> conditions = new ArrayList<>();
                conditions.add(EvaluationSummary.RobustnessRow.of(condition, s));
                conditions.addAll(robustness);
                s = s.withRobustness(conditions);
            }
            return new EvaluationResult(
                    settings,
                    s,
                    t.perSliceTable(sel),
                    t.perPatientTable(sel, settings),
                    t.perHospitalTable(sel, settings),
                    t.perPositionTable(sel),
                    EvaluationTables.thresholdTable(sweep),
                    seg ? t.postprocessingTable(sel) : null,
                    best.picked(),
                    worst.picked(),
                    output);
        }
    }

    /**
     * The top {@code examples} slices in an order, from as many patients as possible: each patient's first (in the
     * order) comes before any patient's second, so the examples are one per patient unless there are fewer patients
     * than examples. Neighbouring slices of one patient look alike and would fill every picture otherwise. Holds
     * at most {@code examples} slices of each of at most {@code examples} patients, however many patients come.
     */
    static final class ExamplePicker {
        private final int examples;
        private final Comparator<Example> order;
        private final Map<String, List<Example>> byPatient = new LinkedHashMap<>();

        ExamplePicker(int examples, Comparator<Example> order) {
            this.examples = examples;
            this.order = order;
        }

        void offer(Example e) {
            if (examples <= 0) return;
            List<Example> own = byPatient.computeIfAbsent(e.slice().patientId(), p -> new ArrayList<>());
            own.add(e);
            own.sort(order);
            if (own.size() > examples) own.remove(own.size() - 1);
            if (byPatient.size() > examples) {
                // The patient whose own first comes last is beaten by `examples` other patients' firsts: with that
                // many patients no second slice of anyone is shown, so nothing of this patient can be.
                String last = byPatient.entrySet().stream()
                        .max((a, b) ->
                                order.compare(a.getValue().get(0), b.getValue().get(0)))
                        .orElseThrow()
                        .getKey();
                byPatient.remove(last);
            }
        }

        /** The picked slices, in the order (e.g. highest Dice first). */
        List<Example> picked() {
            List<Example> out = new ArrayList<>();
            for (int rank = 0; rank < examples && out.size() < examples; rank++) {
                List<Example> round = new ArrayList<>();
                for (List<Example> own : byPatient.values()) if (rank < own.size()) round.add(own.get(rank));
                if (round.isEmpty()) break;
                round.sort(order);
                out.addAll(round.subList(0, Math.min(round.size(), examples - out.size())));
            }
            out.sort(order);
            return List.copyOf(out);
        }
    }
}
