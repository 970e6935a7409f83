package io.github.braintumor.eval;

import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.metrics.ClassificationMetrics;
import io.github.braintumor.metrics.Confusion;
import io.github.braintumor.metrics.GroupedScores;
import io.github.braintumor.metrics.SegmentationSummary;
import io.github.braintumor.metrics.ThresholdSweep;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What an {@link Evaluation} found: the summary (the keys of {@code summary.json}) and the tables written as CSV,
 * plus the best and worst slices kept for pictures. All scores come from the {@code metrics} package.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluation.ofPredictions(truth, predFolder).setOutput(out).build().run();
 * double dice = (Double) r.summary().get("dice_per_patient_mean");
 * CsvTable hospitals = r.perHospital();
 * }</pre>
 */
public final class EvaluationResult {

    /** Threshold, options and model descriptions of the run (null values: not applicable). */
    public record Settings(
            Double threshold,
            Double classifierThreshold,
            boolean lcc,
            boolean tta,
            int minArea,
            Map<String, Object> models,
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
    private final Map<String, Object> summary;
    private final CsvTable perSlice, perPatient, perHospital, perPosition, thresholds, postprocessing;
    private final List<Example> best, worst;
    private final Path output;

    private EvaluationResult(
            Settings settings,
            Map<String, Object> summary,
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

    /** The keys and values of {@code summary.json}, in order; numbers are Integer/Long/Double or null. */
    public Map<String, Object> summary() {
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

    /** Tumour slices segmented best (highest Dice first). */
    public List<Example> best() {
        return best;
    }

    /** Slices with tumour or prediction segmented worst (lowest Dice first). */
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
        private record Row(SliceRecord slice, Confusion[] byVariant, double maxProbability, double classifier) {}

        private final List<Variant> variants;
        private final int examples;
        private final List<PatientRecord> patients = new ArrayList<>();
        private final Map<String, String> modalities = new java.util.HashMap<>();
        private final List<Row> rows = new ArrayList<>();
        private final List<Example> best = new ArrayList<>(), worst = new ArrayList<>();
        private boolean classified;

        Collector(List<Variant> variants, int examples) {
            this.variants = variants;
            this.examples = examples;
        }

        /** Adds one patient's scores (patients in the order they were evaluated). */
        void add(PatientRecord patient, PatientScores scores) {
            patients.add(patient);
            if (scores.modalities() != null) modalities.put(patient.id(), scores.modalities());
            classified = scores.classifierProbability() != null;
            int selected = variants.size() - 1;
            for (int i = 0; i < patient.slices().size(); i++) {
                Confusion[] c = new Confusion[variants.size()];
                for (int v = 0; v < c.length; v++) c[v] = scores.confusion(i, v);
                SliceRecord slice = patient.slices().get(i);
                double classifier =
                        scores.classifierProbability() == null ? Double.NaN : scores.classifierProbability()[i];
                rows.add(new Row(slice, c, scores.maxProbability()[i], classifier));
                byte[] mask = scores.exampleMasks().get(i);
                // Only a patient's own best and worst can be among all patients' best and worst.
                if (selected >= 0 && mask != null) offer(new Example(slice, c[selected], mask));
            }
        }

        private void offer(Example e) {
            if (e.confusion().bothEmpty()) return;
            if (!e.confusion().truthEmpty()) keep(best, e, BEST);
            keep(worst, e, WORST);
        }

        /**
         * The slices of one patient that may be drawn as examples (its own best and worst), by index, with the
         * selected variant's mask: what {@link PatientScores} carries instead of every mask.
         */
        static java.util.Map<Integer, byte[]> exampleCandidates(
                PatientRecord patient, Confusion[] selected, byte[][] masks, int examples) {
            Collector one = new Collector(List.of(), examples);
            for (int i = 0; i < selected.length; i++) {
                one.offer(new Example(patient.slices().get(i), selected[i], masks[i]));
            }
            java.util.Map<Integer, byte[]> out = new java.util.TreeMap<>();
            for (List<Example> list : List.of(one.best, one.worst)) {
                for (Example e : list) out.put(patient.slices().indexOf(e.slice()), e.prediction());
            }
            return out;
        }

        private static final Comparator<Example> BEST =
                Comparator.comparingDouble((Example x) -> -x.confusion().dice());
        private static final Comparator<Example> WORST =
                Comparator.comparingDouble((Example x) -> x.confusion().dice());

        private void keep(List<Example> list, Example e, Comparator<Example> order) {
            list.add(e);
            list.sort(order.thenComparing(x -> -x.confusion().truthArea()));
            if (list.size() > examples) list.remove(list.size() - 1);
        }

        EvaluationResult finish(
                Settings settings,
                ThresholdSweep sweep,
                double seconds,
                Path output,
                InputCondition condition,
                List<Map<String, Object>> robustness) {
            boolean seg = !variants.isEmpty();
            int sel = variants.size() - 1;
            Map<String, Object> s = new LinkedHashMap<>();
            int slices = rows.size();
            long tumourSlices = rows.stream().filter(r -> r.slice().tumour()).count();
            s.put("patients", patients.size());
            s.put("slices", slices);
            s.put(
                    "tumour_slices",
                    seg
                            ? rows.stream()
                                    .filter(r -> !r.byVariant()[sel].truthEmpty())
                                    .count()
                            : tumourSlices);
            s.put("threshold", seg ? settings.threshold() : null);
            Map<String, Object> segmentation = seg ? segmentationKeys(sel) : segmentationKeys(-1);
            s.put("dice_per_patient_mean", segmentation.get("dice_per_patient_mean"));
            s.put("dice_per_patient_median", segmentation.get("dice_per_patient_median"));
            s.put("iou_tumour_slices_mean", segmentation.get("iou_tumour_slices_mean"));
            s.put("dice_tumour_slices_mean", segmentation.get("dice_tumour_slices_mean"));
            s.put("iou_all_slices_mean", segmentation.get("iou_all_slices_mean"));
            s.put("iou_micro", segmentation.get("iou_micro"));
            s.put("pixel_accuracy", segmentation.get("pixel_accuracy"));
            s.put("empty_slices_false_positive_rate", segmentation.get("empty_slices_false_positive_rate"));
            s.put("volume_abs_relative_error_mean", seg ? volumeErrorMean(sel) : null);
            ClassificationMetrics cm = classified ? classifierMetrics(r -> true, settings.classifierThreshold()) : null;
            s.put("classifier_accuracy", cm == null ? null : cm.accuracy());
            s.put(
                    "classifier_auc",
                    classified ? Stats.boxed(ClassificationMetrics.rocAuc(classifierScores(rows), truth(rows))) : null);
            s.put("classifier_precision", cm == null ? null : cm.precision());
            s.put("classifier_recall", cm == null ? null : cm.recall());
            s.put("classifier_threshold", cm == null ? null : settings.classifierThreshold());
            s.put(
                    "seg_as_classifier_accuracy",
                    seg
                            ? ClassificationMetrics.of(
                                            rows.stream()
                                                    .mapToDouble(r -> r.byVariant()[sel].predictionEmpty() ? 0 : 1)
                                                    .toArray(),
                                            truth(rows),
                                            0.5)
                                    .accuracy()
                            : null);
            s.put("seconds", seconds);
            s.put("slices_per_second", seconds > 0 ? slices / seconds : null);
            ThresholdSweep.Point bestPoint =
                    sweep != null && sweep.sliceCount() > 0 ? sweep.best(ThresholdSweep.Metric.POOLED_DICE) : null;
            s.put("best_threshold", bestPoint == null ? null : bestPoint.threshold());
            s.put("best_threshold_dice_micro", bestPoint == null ? null : bestPoint.pooledDice());
            s.put("model", settings.models());
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("lcc", settings.lcc());
            options.put("tta", settings.tta());
            options.put("min_area", settings.minArea());
            options.put(
                    "data",
                    settings.data() == null
                            ? null
                            : settings.data().toAbsolutePath().toString());
            options.put("condition", condition.name());
            s.put("options", options);
            if (robustness != null) {
                List<Map<String, Object>> rows = new ArrayList<>();
                rows.add(Evaluation.robustnessRow(condition, s));
                rows.addAll(robustness);
                s.put("robustness", rows);
            }
            Map<String, Object> byVariant = new LinkedHashMap<>();
            for (int v = 0; v < variants.size(); v++)
                byVariant.put(variants.get(v).name(), segmentationKeys(v));
            s.put("variants", byVariant);
            return new EvaluationResult(
                    settings,
                    s,
                    perSliceTable(sel),
                    perPatientTable(sel, settings),
                    perHospitalTable(sel, settings),
                    perPositionTable(sel),
                    thresholdTable(sweep),
                    seg ? postprocessingTable(sel) : null,
                    List.copyOf(best),
                    List.copyOf(worst),
                    output);
        }

        /** The segmentation keys of one variant (all null for v < 0: no segmentation). */
        private Map<String, Object> segmentationKeys(int v) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (v < 0 || rows.isEmpty()) {
                for (String k : List.of(
                        "dice_per_patient_mean",
                        "dice_per_patient_median",
                        "iou_tumour_slices_mean",
                        "dice_tumour_slices_mean",
                        "iou_all_slices_mean",
                        "iou_micro",
                        "pixel_accuracy",
                        "empty_slices_false_positive_rate",
                        "false_positive_slices")) {
                    m.put(k, null);
                }
                return m;
            }
            SegmentationSummary summary = SegmentationSummary.ofConfusions(
                    rows.stream().map(r -> r.byVariant()[v]).toList());
            double[] perPatient = volumeDice(rows, v).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            m.put("dice_per_patient_mean", Stats.mean(perPatient));
            m.put("dice_per_patient_median", Stats.median(perPatient));
            m.put("iou_tumour_slices_mean", Stats.boxed(summary.macroIouTumourSlices()));
            m.put("dice_tumour_slices_mean", Stats.boxed(summary.macroDiceTumourSlices()));
            m.put("iou_all_slices_mean", summary.macroIouAllSlices());
            m.put("iou_micro", summary.microIou());
            m.put("pixel_accuracy", summary.microPixelAccuracy());
            m.put("empty_slices_false_positive_rate", Stats.boxed(summary.falsePositiveRateOnEmptySlices()));
            m.put("false_positive_slices", summary.falsePositiveSliceCount());
            return m;
        }

        /** (predicted - true) / true tumour volume of a patient; null without true tumour. */
        private static Double volumeError(Confusion pooled) {
            return pooled.truthArea() == 0
                    ? null
                    : (pooled.predictionArea() - (double) pooled.truthArea()) / pooled.truthArea();
        }

        /** Mean over patients with tumour of |predicted - true| / true volume: how well volumes agree. */
        private Double volumeErrorMean(int v) {
            double sum = 0;
            int n = 0;
            for (PatientRecord p : patients) {
                Confusion pooled = Confusion.ZERO;
                for (Row r : rows) {
                    if (r.slice().patientId().equals(p.id())) pooled = pooled.plus(r.byVariant()[v]);
                }
                Double e = volumeError(pooled);
                if (e != null) {
                    sum += Math.abs(e);
                    n++;
                }
            }
            return n == 0 ? null : sum / n;
        }

        private static Map<String, Double> volumeDice(List<Row> rows, int v) {
            return GroupedScores.volumeDice(rows, r -> r.slice().patientId(), r -> r.byVariant()[v]);
        }

        private ClassificationMetrics classifierMetrics(Predicate<Row> subset, double threshold) {
            List<Row> in = rows.stream().filter(subset).toList();
            return in.isEmpty() ? null : ClassificationMetrics.of(classifierScores(in), truth(in), threshold);
        }

        private static double[] classifierScores(List<Row> rows) {
            return rows.stream().mapToDouble(Row::classifier).toArray();
        }

        private static boolean[] truth(List<Row> rows) {
            boolean[] t = new boolean[rows.size()];
            for (int i = 0; i < t.length; i++) t[i] = rows.get(i).slice().tumour();
            return t;
        }

        private CsvTable perSliceTable(int sel) {
            CsvTable.Builder t = CsvTable.builder()
                    .setColumns(
                            "patient",
                            "hospital",
                            "slice",
                            "position",
                            "position_bin",
                            "tumour",
                            "truth_pixels",
                            "predicted_pixels",
                            "tp",
                            "fp",
                            "fn",
                            "tn",
                            "iou",
                            "dice",
                            "pixel_accuracy",
                            "precision",
                            "recall",
                            "dice_raw",
                            "max_probability",
                            "classifier_probability");
            for (Row r : rows) {
                SliceRecord s = r.slice();
                Confusion c = sel >= 0 ? r.byVariant()[sel] : null;
                t.addRow(
                        s.patientId(),
                        s.hospital(),
                        s.sliceNumber(),
                        s.position(),
                        GroupedScores.positionBin(s.position(), Evaluation.POSITION_BINS),
                        s.tumour() ? 1 : 0,
                        c == null ? null : c.truthArea(),
                        c == null ? null : c.predictionArea(),
                        c == null ? null : c.tp(),
                        c == null ? null : c.fp(),
                        c == null ? null : c.fn(),
                        c == null ? null : c.tn(),
                        c == null ? null : c.iou(),
                        c == null ? null : c.dice(),
                        c == null ? null : c.pixelAccuracy(),
                        c == null ? null : c.precision(),
                        c == null ? null : c.recall(),
                        c == null ? null : r.byVariant()[0].dice(),
                        nanToNull(r.maxProbability()),
                        nanToNull(r.classifier()));
            }
            return t.build();
        }

        private CsvTable perPatientTable(int sel, Settings settings) {
            CsvTable.Builder t = CsvTable.builder()
                    .setColumns(
                            "patient",
                            "hospital",
                            "slices",
                            "tumour_slices",
                            "truth_pixels",
                            "predicted_pixels",
                            "dice_3d",
                            "iou_3d",
                            "dice_3d_raw",
                            "dice_tumour_slices_mean",
                            "iou_tumour_slices_mean",
                            "false_positive_slices",
                            "classifier_accuracy",
                            "modalities",
                            "volume_relative_error");
            for (PatientRecord p : patients) {
                List<Row> mine = rows.stream()
                        .filter(r -> r.slice().patientId().equals(p.id()))
                        .toList();
                ClassificationMetrics cm = classified
                        ? classifierMetrics(r -> r.slice().patientId().equals(p.id()), settings.classifierThreshold())
                        : null;
                Integer tumour =
                        (int) mine.stream().filter(r -> r.slice().tumour()).count();
                if (sel < 0) {
                    t.addRow(
                            p.id(),
                            p.hospital(),
                            mine.size(),
                            tumour,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            cm == null ? null : cm.accuracy(),
                            modalities.get(p.id()),
                            null);
                    continue;
                }
                SegmentationSummary s = SegmentationSummary.ofConfusions(
                        mine.stream().map(r -> r.byVariant()[sel]).toList());
                SegmentationSummary raw = SegmentationSummary.ofConfusions(
                        mine.stream().map(r -> r.byVariant()[0]).toList());
                t.addRow(
                        p.id(),
                        p.hospital(),
                        mine.size(),
                        s.tumourSliceCount(),
                        s.pooled().truthArea(),
                        s.pooled().predictionArea(),
                        s.microDice(),
                        s.microIou(),
                        raw.microDice(),
                        Stats.boxed(s.macroDiceTumourSlices()),
                        Stats.boxed(s.macroIouTumourSlices()),
                        s.falsePositiveSliceCount(),
                        cm == null ? null : cm.accuracy(),
                        modalities.get(p.id()),
                        volumeError(s.pooled()));
            }
            return t.build();
        }

        private CsvTable perHospitalTable(int sel, Settings settings) {
            CsvTable.Builder t = CsvTable.builder()
                    .setColumns(
                            "hospital",
                            "patients",
                            "slices",
                            "tumour_slices",
                            "dice_per_patient_mean",
                            "dice_per_patient_std",
                            "iou_tumour_slices_mean",
                            "iou_tumour_slices_std",
                            "dice_tumour_slices_mean",
                            "iou_micro",
                            "classifier_accuracy");
            Map<String, List<Row>> byHospital = new TreeMap<>();
            for (Row r : rows)
                byHospital
                        .computeIfAbsent(r.slice().hospital(), k -> new ArrayList<>())
                        .add(r);
            Map<String, Double> dice = sel >= 0 ? volumeDice(rows, sel) : Map.of();
            for (Map.Entry<String, List<Row>> e : byHospital.entrySet()) {
                String h = e.getKey();
                List<Row> mine = e.getValue();
                List<PatientRecord> ps =
                        patients.stream().filter(p -> p.hospital().equals(h)).toList();
                long tumour = mine.stream().filter(r -> r.slice().tumour()).count();
                ClassificationMetrics cm = classified
                        ? classifierMetrics(r -> r.slice().hospital().equals(h), settings.classifierThreshold())
                        : null;
                if (sel < 0) {
                    t.addRow(
                            h,
                            ps.size(),
                            mine.size(),
                            tumour,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            cm == null ? null : cm.accuracy());
                    continue;
                }
                double[] patientDice =
                        ps.stream().mapToDouble(p -> dice.get(p.id())).toArray();
                double[] tumourIou = mine.stream()
                        .filter(r -> !r.byVariant()[sel].truthEmpty())
                        .mapToDouble(r -> r.byVariant()[sel].iou())
                        .toArray();
                SegmentationSummary s = SegmentationSummary.ofConfusions(
                        mine.stream().map(r -> r.byVariant()[sel]).toList());
                t.addRow(
                        h,
                        ps.size(),
                        mine.size(),
                        s.tumourSliceCount(),
                        Stats.mean(patientDice),
                        Stats.std(patientDice),
                        Stats.boxed(s.macroIouTumourSlices()),
                        Stats.std(tumourIou),
                        Stats.boxed(s.macroDiceTumourSlices()),
                        s.microIou(),
                        cm == null ? null : cm.accuracy());
            }
            return t.build();
        }

        private CsvTable perPositionTable(int sel) {
            CsvTable.Builder t = CsvTable.builder()
                    .setColumns(
                            "bin",
                            "from",
                            "to",
                            "slices",
                            "tumour_slices",
                            "dice_tumour_slices_mean",
                            "iou_tumour_slices_mean",
                            "iou_all_slices_mean",
                            "detection_rate",
                            "empty_slices_false_positive_rate");
            int bins = Evaluation.POSITION_BINS;
            Map<Integer, List<Row>> byBin = new TreeMap<>();
            for (Row r : rows) {
                byBin.computeIfAbsent(GroupedScores.positionBin(r.slice().position(), bins), k -> new ArrayList<>())
                        .add(r);
            }
            for (int bin = 0; bin < bins; bin++) {
                List<Row> mine = byBin.getOrDefault(bin, List.of());
                double from = (double) bin / bins, to = (double) (bin + 1) / bins;
                long tumour = mine.stream().filter(r -> r.slice().tumour()).count();
                if (sel < 0 || mine.isEmpty()) {
                    t.addRow(bin, from, to, mine.size(), tumour, null, null, null, null, null);
                    continue;
                }
                SegmentationSummary s = SegmentationSummary.ofConfusions(
                        mine.stream().map(r -> r.byVariant()[sel]).toList());
                long detected = mine.stream()
                        .filter(r -> !r.byVariant()[sel].truthEmpty() && !r.byVariant()[sel].predictionEmpty())
                        .count();
                t.addRow(
                        bin,
                        from,
                        to,
                        mine.size(),
                        s.tumourSliceCount(),
                        Stats.boxed(s.macroDiceTumourSlices()),
                        Stats.boxed(s.macroIouTumourSlices()),
                        s.macroIouAllSlices(),
                        s.tumourSliceCount() == 0 ? null : (double) detected / s.tumourSliceCount(),
                        Stats.boxed(s.falsePositiveRateOnEmptySlices()));
            }
            return t.build();
        }

        private static CsvTable thresholdTable(ThresholdSweep sweep) {
            if (sweep == null || sweep.sliceCount() == 0) return null;
            CsvTable.Builder t = CsvTable.builder()
                    .setColumns("threshold", "iou_micro", "dice_micro", "iou_all_slices_mean", "dice_all_slices_mean");
            for (ThresholdSweep.Point p : sweep.points()) {
                t.addRow(p.threshold(), p.pooledIou(), p.pooledDice(), p.meanSliceIou(), p.meanSliceDice());
            }
            return t.build();
        }

        private CsvTable postprocessingTable(int sel) {
            List<String> keys = new ArrayList<>(segmentationKeys(sel).keySet());
            List<String> columns = new ArrayList<>(List.of("variant", "tta", "lcc", "min_area", "selected"));
            columns.addAll(keys);
            CsvTable.Builder t = CsvTable.builder().setColumns(columns);
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                List<Object> row = new ArrayList<>(List.of(
                        variant.name(),
                        variant.tta() ? 1 : 0,
                        variant.lcc() ? 1 : 0,
                        variant.minArea(),
                        v == sel ? 1 : 0));
                row.addAll(segmentationKeys(v).values());
                t.addRow(row);
            }
            return t.build();
        }

        private static Double nanToNull(double d) {
            return Double.isNaN(d) ? null : d;
        }
    }
}
