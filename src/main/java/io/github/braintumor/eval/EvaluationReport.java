package io.github.braintumor.eval;

import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.report.Charts;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.report.HtmlReport;
import io.github.braintumor.report.Json;
import io.github.braintumor.report.Overlay;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link EvaluationResult} into its output folder, each file atomically:
 * <ul>
 * <li>{@code summary.json}: the headline numbers ({@link EvaluationResult#summary()});</li>
 * <li>{@code per_slice.csv}, {@code per_patient.csv}, {@code per_hospital.csv}, {@code per_position.csv},
 * {@code thresholds.csv} (with a UNet), {@code postprocessing.csv} (each post-processing step on and off);</li>
 * <li>PNG pictures: {@code dice_per_patient.png} (a bar per patient below {@link #FEW_PATIENTS} patients, else a
 * histogram), {@code per_hospital.png}, {@code per_position.png},
 * {@code thresholds.png}, {@code postprocessing.png}, {@code best_N.png} / {@code worst_N.png} overlays (FLAIR
 * in grey, truth outlined green, prediction red) and {@code learning_curve_unet.png} /
 * {@code learning_curve_classifier.png} when a bundle holds its learning curve;</li>
 * <li>{@code report.html}: all of it on one page with the numbers explained, the models as cards and the overlays in
 * a grid.</li>
 * </ul>
 *
 * <pre>{@code
 * EvaluationReport.write(result); // into result.output()
 * }</pre>
 */
public final class EvaluationReport {

    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";
    /** Robustness table: one row per evaluated input condition. */
    public static final String MODALITIES = "modalities.csv";

    private EvaluationReport() {}

    /** Writes every file of the result into {@link EvaluationResult#output()}. */
    public static void write(EvaluationResult r) throws IOException {
        Path dir = r.output();
        CsvTable robustness = writeTables(r);
        Map<String, String> charts = pictures(r, dir, robustness);
        List<HtmlReport.Figure> good = examples(dir, r.best(), "best", "Good example");
        List<HtmlReport.Figure> bad = examples(dir, r.worst(), "worst", "Bad example");
        Map<String, String> curves = new LinkedHashMap<>();
        learningCurve(curves, dir, r.settings().unetLearningCurve(), "unet", "UNet");
        learningCurve(curves, dir, r.settings().classifierLearningCurve(), "classifier", "classifier");
        html(r, charts, good, bad, curves).write(dir.resolve(REPORT));
    }

    /**
     * Below this many patients the Dice chart has one labelled bar per patient; from it on, a histogram (a
     * histogram of a handful of values shows mostly empty bins and hides which patient is which).
     */
    static final int FEW_PATIENTS = 15;

    /**
     * Writes only {@code summary.json} and the CSV tables into {@link EvaluationResult#output()} (no pictures, no
     * report.html): e.g. one patient's share of a distributed run.
     *
     * @return the robustness table written, or null
     */
    public static CsvTable writeTables(EvaluationResult r) throws IOException {
        Path dir = r.output();
        Files.createDirectories(dir);
        Json.write(dir.resolve(SUMMARY), r.summary().toMap());
        r.perSlice().write(dir.resolve("per_slice.csv"));
        r.perPatient().write(dir.resolve("per_patient.csv"));
        r.perHospital().write(dir.resolve("per_hospital.csv"));
        r.perPosition().write(dir.resolve("per_position.csv"));
        if (r.thresholds() != null) r.thresholds().write(dir.resolve("thresholds.csv"));
        if (r.postprocessing() != null) r.postprocessing().write(dir.resolve("postprocessing.csv"));
        CsvTable robustness = robustness(r);
        if (robustness != null) robustness.write(dir.resolve(MODALITIES));
        return robustness;
    }

    /** Draws the charts; returns file name -> caption, in page order. */
    private static Map<String, String> pictures(EvaluationResult r, Path dir, CsvTable rob) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (r.hasSegmentation()) {
            diceChart(out, dir, r.perPatient());
            CsvTable h = r.perHospital();
            Map<String, double[]> hs = new LinkedHashMap<>();
            hs.put("Dice per patient (mean)", h.doubleColumn("dice_per_patient_mean"));
            hs.put("IoU of tumour slices (mean)", h.doubleColumn("iou_tumour_slices_mean"));
            png(
                    out,
                    dir,
                    "per_hospital.png",
                    "Scores per hospital (the two letters after TCGA_ in a patient id)",
                    Charts.barChart("Scores per hospital", h.column("hospital"), hs, "score"));
            CsvTable p = r.perPosition();
            List<String> bins = new ArrayList<>();
            for (int i = 0; i < p.rowCount(); i++) {
                bins.add(String.format(
                        Locale.ROOT,
                        "%.0f-%.0f%%",
                        100 * Double.parseDouble(p.get(i, "from")),
                        100 * Double.parseDouble(p.get(i, "to"))));
            }
            Map<String, double[]> ps = new LinkedHashMap<>();
            ps.put("Dice of tumour slices", p.doubleColumn("dice_tumour_slices_mean"));
            ps.put("IoU of tumour slices", p.doubleColumn("iou_tumour_slices_mean"));
            ps.put("detection rate", p.doubleColumn("detection_rate"));
            png(
                    out,
                    dir,
                    "per_position.png",
                    "Scores by slice position, bottom (0%) to top (100%) of each"
                            + " patient's stack; empty bins have no tumour slices",
                    Charts.barChart("Scores by slice position", bins, ps, "score"));
            CsvTable v = r.postprocessing();
            Map<String, double[]> vs = new LinkedHashMap<>();
            vs.put("Dice per patient (mean)", v.doubleColumn("dice_per_patient_mean"));
            vs.put("IoU of tumour slices (mean)", v.doubleColumn("iou_tumour_slices_mean"));
            vs.put("false positives on empty slices", v.doubleColumn("empty_slices_false_positive_rate"));
            png(
                    out,
                    dir,
                    "postprocessing.png",
                    "Each post-processing step with and without it, on the same slices",
                    Charts.barChart("Post-processing variants", v.column("variant"), vs, "score"));
        }
        if (rob != null) {
            Map<String, double[]> cs = new LinkedHashMap<>();
            if (r.hasSegmentation()) {
                cs.put("Dice per patient (mean)", rob.doubleColumn("dice_per_patient_mean"));
                cs.put("IoU of tumour slices (mean)", rob.doubleColumn("iou_tumour_slices_mean"));
                cs.put("UNet as detector: accuracy", rob.doubleColumn("seg_as_classifier_accuracy"));
            }
            if (r.summary().classifierAccuracy() != null) {
                cs.put("classifier accuracy", rob.doubleColumn("classifier_accuracy"));
            }
            png(
                    out,
                    dir,
                    "modalities.png",
                    "The same patients with a missing modality simulated (the missing"
                            + " channel holds FLAIR, as the data set stores it) or a darker / brighter scanner",
                    Charts.barChart("Robustness to the input", rob.column("condition"), cs, "score"));
        }
        if (r.thresholds() != null) {
            CsvTable t = r.thresholds();
            Map<String, double[]> ts = new LinkedHashMap<>();
            ts.put("Dice (all pixels pooled)", t.doubleColumn("dice_micro"));
            ts.put("IoU (all pixels pooled)", t.doubleColumn("iou_micro"));
            ts.put("IoU (mean of slices)", t.doubleColumn("iou_all_slices_mean"));
            png(
                    out,
                    dir,
                    "thresholds.png",
                    "Scores at each probability threshold; the best is "
                            + r.summary().bestThreshold(),
                    Charts.lineChart("Scores by threshold", t.doubleColumn("threshold"), ts, "threshold", "score"));
        }
        return out;
    }

    /**
     * {@code dice_per_patient.png}: one labelled bar per patient for fewer than {@link #FEW_PATIENTS} patients, a
     * histogram for more; nothing when no patient has a Dice (no tumour drawn or predicted anywhere).
     */
    private static void diceChart(Map<String, String> out, Path dir, CsvTable perPatient) throws IOException {
        double[] dice = perPatient.doubleColumn("dice_3d");
        double[] finite = finite(dice);
        if (finite.length == 0) return;
        String file = "dice_per_patient.png";
        if (perPatient.rowCount() < FEW_PATIENTS) {
            String caption = "Volume Dice of each patient, over all of the patient's slices";
            if (finite.length < dice.length) caption += "; no bar: no tumour drawn or predicted in that patient";
            png(
                    out,
                    dir,
                    file,
                    caption,
                    Charts.barChart(
                            "Volume Dice per patient",
                            perPatient.column("patient"),
                            Charts.series("volume Dice", dice),
                            "Dice"));
        } else {
            png(
                    out,
                    dir,
                    file,
                    "Histogram of the volume Dice per patient: how many patients score in each range, one value per"
                            + " patient over all of the patient's slices",
                    Charts.histogram("Volume Dice per patient", finite, 10, "Dice"));
        }
    }

    /** The {@code robustness} rows of the summary as a table, or null when only one condition was evaluated. */
    static CsvTable robustness(EvaluationResult r) {
        List<EvaluationSummary.RobustnessRow> rows = r.summary().robustness();
        if (rows == null || rows.isEmpty()) return null;
        List<String> columns = new ArrayList<>(rows.get(0).toMap().keySet());
        CsvTable.Builder t = CsvTable.builder().setColumns(columns.toArray(String[]::new));
        for (EvaluationSummary.RobustnessRow row : rows)
            t.addRow(row.toMap().values().toArray());
        return t.build();
    }

    /** Draws the overlays {@code <prefix>_<n>.png}; returns them as figures of a grid. */
    private static List<HtmlReport.Figure> examples(
            Path dir, List<EvaluationResult.Example> list, String prefix, String what) throws IOException {
        List<HtmlReport.Figure> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            EvaluationResult.Example e = list.get(i);
            SliceImage image = LggTiff.readImage(e.slice().image(), LggTiff.ANY_SIZE);
            SliceMask truth = LggTiff.readMask(e.slice().mask(), LggTiff.ANY_SIZE);
            String caption = String.format(
                    Locale.ROOT,
                    "%s #%d  Dice %.3f  IoU %.3f",
                    e.slice().patientId(),
                    e.slice().sliceNumber(),
                    e.confusion().dice(),
                    e.confusion().iou());
            int flair = image.channels() > SliceImage.FLAIR ? SliceImage.FLAIR : 0;
            BufferedImage img = Overlay.builder()
                    .setImage(image.width(), image.height(), 1, image.plane(flair))
                    .optTruth(truth.pixels())
                    .optPrediction(atSize(e.prediction(), image.width(), image.height()))
                    .optScale(Math.max(1, Math.min(8, (int) Math.ceil(512.0 / image.width()))))
                    .optCaption(caption)
                    .build();
            String file = prefix + "_" + (i + 1) + ".png";
            Charts.writePng(img, dir.resolve(file));
            out.add(new HtmlReport.Figure(file, what + ": " + caption));
        }
        return out;
    }

    /**
     * A prediction made on a copy stored k times larger (the {@code 512} storage condition: every k-th pixel) or with
     * half the rows ({@code half-rows}: each row twice), taken back to the stored slice's size for the overlay;
     * others as they are.
     */
    private static byte[] atSize(byte[] prediction, int width, int height) {
        if (prediction.length * 2 == width * height) { // half-rows: each stored row stands for two
            byte[] out = new byte[width * height];
            for (int y = 0; y < height; y++) System.arraycopy(prediction, (y / 2) * width, out, y * width, width);
            return out;
        }
        int k = (int) Math.round(Math.sqrt(prediction.length / (double) (width * height)));
        if (k <= 1 || prediction.length != k * k * width * height) return prediction;
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[y * width + x] = prediction[(y * k) * width * k + x * k];
        }
        return out;
    }

    private static void learningCurve(Map<String, String> out, Path dir, Path csv, String name, String what)
            throws IOException {
        if (csv == null) return;
        List<LearningCurve.Row> rows = LearningCurve.readCsv(csv).rows();
        if (rows.isEmpty()) return;
        double[] epoch = rows.stream().mapToDouble(LearningCurve.Row::epoch).toArray();
        Map<String, double[]> loss = new LinkedHashMap<>();
        loss.put(
                "training loss",
                rows.stream().mapToDouble(LearningCurve.Row::trainLoss).toArray());
        loss.put(
                "validation loss",
                rows.stream().mapToDouble(LearningCurve.Row::valLoss).toArray());
        loss.put(
                "validation metric",
                rows.stream().mapToDouble(LearningCurve.Row::valMetric).toArray());
        png(
                out,
                dir,
                "learning_curve_" + name + ".png",
                "Learning curve of the " + what + " (from its bundle)",
                Charts.lineChart("Learning curve: " + what, epoch, loss, "epoch", "value"));
    }

    private static void png(Map<String, String> out, Path dir, String file, String caption, BufferedImage img)
            throws IOException {
        Charts.writePng(img, dir.resolve(file));
        out.put(file, caption);
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static HtmlReport html(
            EvaluationResult r,
            Map<String, String> charts,
            List<HtmlReport.Figure> good,
            List<HtmlReport.Figure> bad,
            Map<String, String> learningCurves) {
        EvaluationSummary s = r.summary();
        HtmlReport.Builder h = HtmlReport.builder().setTitle("Brain tumour model evaluation");
        h.addParagraph(String.format(
                Locale.ROOT,
                "%s patients, %s slices, %s of them with tumour in the ground" + " truth. Data: %s.",
                s.patients(),
                s.slices(),
                s.tumourSlices(),
                r.settings().data()));
        h.addSection("Models");
        h.addCards(ReportModelCards.of(r));
        Map<String, Object> raw = new LinkedHashMap<>(); // not Map.of: its order changes from run to run
        raw.put("model", s.model());
        raw.put("options", s.options().toMap());
        h.addDetails("As in summary.json (model and options)", Json.toJson(raw));
        if (r.hasSegmentation()) {
            h.addSection("Segmentation: how well the tumour outline matches");
            h.addParagraph("Dice and IoU measure overlap between the predicted tumour and the drawn tumour: 1 is"
                    + " a perfect match, 0 no overlap. Dice counts the overlap twice (Dice = 2 IoU / (1 + IoU)), so"
                    + " it is always the larger of the two. 'Per patient' pools all slices of a patient into one"
                    + " volume first, then averages over patients (the study's headline number). 'Tumour slices'"
                    + " averages over slices that have tumour in the ground truth. Slices where both the truth and"
                    + " the prediction are empty count as 1 in 'all slices'.");
            Map<String, Object> overlap = new LinkedHashMap<>();
            overlap.put("threshold", s.threshold());
            overlap.put("dice_per_patient_mean", s.dicePerPatientMean());
            overlap.put("dice_per_patient_median", s.dicePerPatientMedian());
            overlap.put("dice_tumour_slices_mean", s.diceTumourSlicesMean());
            overlap.put("iou_tumour_slices_mean", s.iouTumourSlicesMean());
            overlap.put("iou_all_slices_mean", s.iouAllSlicesMean());
            overlap.put("iou_micro", s.iouMicro());
            overlap.put("empty_slices_false_positive_rate", s.emptySlicesFalsePositiveRate());
            overlap.put("seg_as_classifier_accuracy", s.segAsClassifierAccuracy());
            overlap.put("best_threshold", s.bestThreshold());
            h.addKeyValues(labelled(overlap));
            h.addSubsection("Why pixel accuracy misleads");
            h.addParagraph(String.format(
                    Locale.ROOT,
                    "Pixel accuracy is %s but IoU over all pixels is %s. A tumour"
                            + " covers a few percent of a slice at most, so a model that predicts no tumour at all is"
                            + " already right on almost every pixel. IoU and Dice ignore the easy background and only"
                            + " look at tumour pixels, which is why they are the numbers to judge by.",
                    fmt(s.pixelAccuracy()),
                    fmt(s.iouMicro())));
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("pixel_accuracy", s.pixelAccuracy());
            side.put("iou_micro", s.iouMicro());
            h.addKeyValues(labelled(side));
        }
        if (s.classifierAccuracy() != null) {
            h.addSection("Classification: does a slice contain tumour?");
            h.addParagraph("Accuracy is the share of slices classified right. Precision: of the slices called"
                    + " tumour, the share that have tumour. Recall: of the slices with tumour, the share found. AUC:"
                    + " the chance that a random tumour slice gets a higher score than a random slice without"
                    + " (0.5 is guessing, 1 perfect; independent of the threshold).");
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("classifier_threshold", s.classifierThreshold());
            c.put("classifier_accuracy", s.classifierAccuracy());
            c.put("classifier_precision", s.classifierPrecision());
            c.put("classifier_recall", s.classifierRecall());
            c.put("classifier_auc", s.classifierAuc());
            c.put("seg_as_classifier_accuracy", s.segAsClassifierAccuracy());
            h.addKeyValues(labelled(c));
        }
        h.addSection("Speed");
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("seconds", s.seconds());
        speed.put("slices_per_second", s.slicesPerSecond());
        h.addKeyValues(labelled(speed));
        h.addSection("Pictures");
        charts.forEach(h::addImage);
        if (!good.isEmpty() || !bad.isEmpty()) {
            h.addSubsection("Examples");
            h.addParagraph("Overlays show the FLAIR channel in grey, the drawn tumour outlined in green and the"
                    + " prediction in red (yellow where they meet). Good examples are the tumour slices with the"
                    + " highest Dice, bad examples the slices with the lowest; each from a different patient while"
                    + " there are enough patients.");
            if (!good.isEmpty()) h.addFigures(good);
            if (!bad.isEmpty()) h.addFigures(bad);
        }
        learningCurves.forEach(h::addImage);
        h.addSection("Tables");
        h.addTable("Per hospital", r.perHospital());
        h.addTable("Per slice position (10 bins, bottom to top)", r.perPosition());
        if (r.postprocessing() != null) h.addTable("Post-processing with and without each step", r.postprocessing());
        if (r.thresholds() != null) h.addTable("Per threshold", r.thresholds());
        h.addTable("Per patient", r.perPatient());
        h.addParagraph("Every slice is in per_slice.csv next to this page.");
        return h.build();
    }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("threshold", "probability threshold used"),
            Map.entry("dice_per_patient_mean", "Dice per patient (volume), mean"),
            Map.entry("dice_per_patient_median", "Dice per patient (volume), median"),
            Map.entry("dice_tumour_slices_mean", "Dice of tumour slices, mean"),
            Map.entry("iou_tumour_slices_mean", "IoU of tumour slices, mean"),
            Map.entry("iou_all_slices_mean", "IoU of all slices, mean (empty and correctly empty = 1)"),
            Map.entry("iou_micro", "IoU of all pixels pooled"),
            Map.entry("pixel_accuracy", "pixel accuracy (share of pixels right)"),
            Map.entry("empty_slices_false_positive_rate", "slices without tumour where tumour was predicted"),
            Map.entry("seg_as_classifier_accuracy", "UNet as a slice classifier (tumour = non-empty mask), accuracy"),
            Map.entry("best_threshold", "best threshold (highest pooled Dice)"),
            Map.entry("classifier_threshold", "classifier threshold"),
            Map.entry("classifier_accuracy", "classifier accuracy"),
            Map.entry("classifier_precision", "classifier precision"),
            Map.entry("classifier_recall", "classifier recall (sensitivity)"),
            Map.entry("classifier_auc", "classifier ROC AUC"),
            Map.entry("seconds", "seconds (reading, inference, scoring)"),
            Map.entry("slices_per_second", "slices per second"));

    /** Plain-word labels (with the summary.json key) and "n/a" for values that do not apply. */
    private static Map<String, Object> labelled(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(LABELS.getOrDefault(k, k) + " [" + k + "]", v == null ? "n/a" : v));
        return out;
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "n/a";
    }
}
