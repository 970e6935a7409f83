package io.github.braintumor.eval;

import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.metrics.ClassificationMetrics;
import io.github.braintumor.metrics.Confusion;
import io.github.braintumor.metrics.GroupedScores;
import io.github.braintumor.metrics.SegmentationSummary;
import io.github.braintumor.metrics.ThresholdSweep;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.report.CsvTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The slices an evaluation collected (per-slice counts of every post-processing variant, the patients, their
 * modalities) and what is made from them: the segmentation keys of a variant and the CSV tables of
 * {@link EvaluationResult} (per slice, patient, hospital, slice position, threshold, post-processing).
 */
final class EvaluationTables {
    /** Bins of slice position (bottom to top) in {@code per_position.csv}. */
    static final int POSITION_BINS = 10;

    /** One evaluated slice: its counts under each variant, the UNet's largest probability, the classifier's. */
    record Row(SliceRecord slice, Confusion[] byVariant, double maxProbability, double classifier) {}

    private final List<Variant> variants;
    private final List<PatientRecord> patients = new ArrayList<>();
    private final Map<String, String> modalities = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private boolean classified;

    EvaluationTables(List<Variant> variants) {
        this.variants = variants;
    }

    void addPatient(PatientRecord patient, String modality, boolean classifiedPatient) {
        patients.add(patient);
        if (modality != null) modalities.put(patient.id(), modality);
        classified = classifiedPatient;
    }

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return rows;
    }

    List<PatientRecord> patients() {
        return patients;
    }

    boolean classified() {
        return classified;
    }

    /** The segmentation scores of one variant (all null for v < 0: no segmentation, or without slices). */
    EvaluationSummary.Segmentation segmentation(int v) {
        if (v < 0 || rows.isEmpty()) return EvaluationSummary.Segmentation.NONE;
        SegmentationSummary summary = SegmentationSummary.ofConfusions(
                rows.stream().map(r -> r.byVariant()[v]).toList());
        double[] perPatient = volumeDice(rows, v).values().stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        return new EvaluationSummary.Segmentation(
                Stats.mean(perPatient),
                Stats.median(perPatient),
                Stats.boxed(summary.macroIouTumourSlices()),
                Stats.boxed(summary.macroDiceTumourSlices()),
                summary.macroIouAllSlices(),
                summary.microIou(),
                summary.microPixelAccuracy(),
                Stats.boxed(summary.falsePositiveRateOnEmptySlices()),
                summary.falsePositiveSliceCount());
    }

    /** (predicted - true) / true tumour volume of a patient; null without true tumour. */
    private static Double volumeError(Confusion pooled) {
        return pooled.truthArea() == 0
                ? null
                : (pooled.predictionArea() - (double) pooled.truthArea()) / pooled.truthArea();
    }

    /** Mean over patients with tumour of |predicted - true| / true volume: how well volumes agree. */
    Double volumeErrorMean(int v) {
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

    ClassificationMetrics classifierMetrics(Predicate<Row> subset, double threshold) {
        List<Row> in = rows.stream().filter(subset).toList();
        return in.isEmpty() ? null : ClassificationMetrics.of(classifierScores(in), truth(in), threshold);
    }

    static double[] classifierScores(List<Row> rows) {
        return rows.stream().mapToDouble(Row::classifier).toArray();
    }

    static boolean[] truth(List<Row> rows) {
        boolean[] t = new boolean[rows.size()];
        for (int i = 0; i < t.length; i++) t[i] = rows.get(i).slice().tumour();
        return t;
    }

    CsvTable perSliceTable(int sel) {
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
                    GroupedScores.positionBin(s.position(), POSITION_BINS),
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

    CsvTable perPatientTable(int sel, EvaluationResult.Settings settings) {
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
            Integer tumour = (int) mine.stream().filter(r -> r.slice().tumour()).count();
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

    CsvTable perHospitalTable(int sel, EvaluationResult.Settings settings) {
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

    CsvTable perPositionTable(int sel) {
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
        int bins = POSITION_BINS;
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

    static CsvTable thresholdTable(ThresholdSweep sweep) {
        if (sweep == null || sweep.sliceCount() == 0) return null;
        CsvTable.Builder t = CsvTable.builder()
                .setColumns("threshold", "iou_micro", "dice_micro", "iou_all_slices_mean", "dice_all_slices_mean");
        for (ThresholdSweep.Point p : sweep.points()) {
            t.addRow(p.threshold(), p.pooledIou(), p.pooledDice(), p.meanSliceIou(), p.meanSliceDice());
        }
        return t.build();
    }

    CsvTable postprocessingTable(int sel) {
        List<String> keys = EvaluationSummary.Segmentation.KEYS;
        List<String> columns = new ArrayList<>(List.of("variant", "tta", "lcc", "lcc_by", "min_area", "selected"));
        columns.addAll(keys);
        CsvTable.Builder t = CsvTable.builder().setColumns(columns);
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            List<Object> row = new ArrayList<>(List.of(
                    variant.name(),
                    variant.tta() ? 1 : 0,
                    variant.lcc() ? 1 : 0,
                    variant.lcc()
                            ? Objects.requireNonNullElse(variant.settings().lccBy(), PostProcessingSettings.LCC_BY_SIZE)
                            : "",
                    variant.minArea(),
                    v == sel ? 1 : 0));
            row.addAll(segmentation(v).toMap().values());
            t.addRow(row);
        }
        return t.build();
    }

    private static Double nanToNull(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
