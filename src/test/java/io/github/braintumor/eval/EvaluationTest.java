package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    /** Probabilities per slice in dataset order for the in-memory classifier: A1..A3, B1..B3. */
    private static final double[][] CLASSIFIER = {{0.1, 0.8, 0.4}, {0.6, 0.9, 0.2}};

    @Test
    void everySummaryKeyOfPredictionsMatchesHandComputedValues() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        int[] call = {0};
        ClassificationModel model = (slices, cancel) -> CLASSIFIER[call[0]++].clone();
        EvaluationResult r = Evaluation.ofPredictions(d, pred)
                .optClassificationModel(model, "fixed", 0.5)
                .setOutput(out)
                .build()
                .run();
        Map<String, Object> s = Json.read(out.resolve(EvaluationReport.SUMMARY));

        assertEquals(2L, s.get("patients"));
        assertEquals(6L, s.get("slices"));
        assertEquals(3L, s.get("tumour_slices"));
        assertTrue(s.containsKey("threshold"));
        assertNull(s.get("threshold"));
        // volume Dice: A tp 6 fp 2 fn 2 -> 12/16; B tp 0 -> 0
        assertNumber(0.375, s, "dice_per_patient_mean");
        assertNumber(0.375, s, "dice_per_patient_median");
        // tumour slices A2 (IoU 1/3, Dice 1/2), A3 (1, 1), B2 (0, 0)
        assertNumber(4.0 / 9, s, "iou_tumour_slices_mean");
        assertNumber(0.5, s, "dice_tumour_slices_mean");
        // all slices: 1, 1/3, 1, 0, 0, 1
        assertNumber(5.0 / 9, s, "iou_all_slices_mean");
        // pooled tp 6, fp 5, fn 4
        assertNumber(0.4, s, "iou_micro");
        assertNumber((6 * 256 - 9) / (6.0 * 256), s, "pixel_accuracy");
        // empty truth: A1 (ok), B1 (false positive), B3 (ok)
        assertNumber(1.0 / 3, s, "empty_slices_false_positive_rate");
        // classifier at 0.5: A1 tn, A2 tp, A3 fn, B1 fp, B2 tp, B3 tn
        assertNumber(4.0 / 6, s, "classifier_accuracy");
        assertNumber(2.0 / 3, s, "classifier_precision");
        assertNumber(2.0 / 3, s, "classifier_recall");
        // positives .8 .4 .9 vs negatives .1 .6 .2: 8 of 9 pairs ordered right
        assertNumber(8.0 / 9, s, "classifier_auc");
        // mask non-empty: A1 no (ok), A2 yes (ok), A3 yes (ok), B1 yes (wrong), B2 no (wrong), B3 no (ok)
        assertNumber(4.0 / 6, s, "seg_as_classifier_accuracy");
        double seconds = ((Number) s.get("seconds")).doubleValue();
        assertTrue(seconds > 0, "seconds " + seconds);
        assertNumber(6 / seconds, s, "slices_per_second", 1e-6);
        assertTrue(s.containsKey("best_threshold"));
        assertNull(s.get("best_threshold"));
        @SuppressWarnings("unchecked")
        Map<String, Object> models = (Map<String, Object>) s.get("model");
        assertNull(models.get("unet"));
        assertEquals(Map.of("name", "fixed"), models.get("classifier"));
        assertEquals(pred.toAbsolutePath().toString(), models.get("predictions"));
        assertEquals(0.4, r.summary().iouMicro(), EPS);
        for (String key : List.of(
                "patients",
                "slices",
                "tumour_slices",
                "threshold",
                "dice_per_patient_mean",
                "dice_per_patient_median",
                "iou_tumour_slices_mean",
                "dice_tumour_slices_mean",
                "iou_all_slices_mean",
                "iou_micro",
                "pixel_accuracy",
                "empty_slices_false_positive_rate",
                "classifier_accuracy",
                "classifier_auc",
                "classifier_precision",
                "classifier_recall",
                "seg_as_classifier_accuracy",
                "seconds",
                "slices_per_second",
                "model",
                "best_threshold")) {
            assertTrue(s.containsKey(key), "summary.json lacks " + key);
        }
    }

    @Test
    void tablesHoldPerPatientHospitalPositionAndSliceScores() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        Evaluation.ofPredictions(d, pred).setOutput(out).build().run();

        CsvTable patients = CsvTable.read(out.resolve("per_patient.csv"));
        assertEquals(2, patients.rowCount());
        assertEquals(0.75, patients.doubleColumn("dice_3d")[0], EPS);
        assertEquals(0.0, patients.doubleColumn("dice_3d")[1], EPS);

        CsvTable hospitals = CsvTable.read(out.resolve("per_hospital.csv"));
        assertEquals(List.of("CS", "DU"), hospitals.column("hospital"));
        assertEquals(0.75, hospitals.doubleColumn("dice_per_patient_mean")[0], EPS);
        assertEquals(0.0, hospitals.doubleColumn("dice_per_patient_std")[0], EPS);
        assertEquals("", hospitals.get(0, "classifier_accuracy"));

        CsvTable positions = CsvTable.read(out.resolve("per_position.csv"));
        assertEquals(10, positions.rowCount());
        // middle slices (position 0.5, bin 5): A2 (Dice 1/2, detected) and B2 (Dice 0, missed)
        assertEquals(2.0, positions.doubleColumn("slices")[5], EPS);
        assertEquals(0.25, positions.doubleColumn("dice_tumour_slices_mean")[5], EPS);
        assertEquals(0.5, positions.doubleColumn("detection_rate")[5], EPS);
        // top slices (bin 9): A3 perfect, B3 both empty
        assertEquals(1.0, positions.doubleColumn("detection_rate")[9], EPS);
        assertEquals(0.0, positions.doubleColumn("slices")[3], EPS);

        CsvTable slices = CsvTable.read(out.resolve("per_slice.csv"));
        assertEquals(6, slices.rowCount());
        assertEquals(1.0 / 3, slices.doubleColumn("iou")[1], 1e-6);
        assertTrue(Files.notExists(out.resolve("thresholds.csv")), "no sweep without probabilities");
        assertTrue(Files.exists(out.resolve(EvaluationReport.REPORT)));
    }

    @Test
    void postProcessingIsMeasuredWithAndWithoutInOneRun() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        // B1's 3-pixel false positive goes with a minimum area of 4 (A2 keeps its 4 pixels)
        EvaluationResult r = Evaluation.ofPredictions(d, pred)
                .optMinimumArea(4)
                .optLargestComponent(true)
                .setOutput(out)
                .build()
                .run();
        CsvTable v = CsvTable.read(out.resolve("postprocessing.csv"));
        assertEquals(List.of("raw", "min_area_4", "lcc", "lcc+min_area_4"), v.column("variant"));
        assertEquals(List.of("0", "0", "0", "1"), v.column("selected"));
        double[] fpRate = v.doubleColumn("empty_slices_false_positive_rate");
        assertEquals(1.0 / 3, fpRate[0], 1e-6);
        assertEquals(0.0, fpRate[1], EPS);
        assertEquals(1.0 / 3, fpRate[2], 1e-6);
        // selected numbers are the headline ones: no false positive left, Dice per patient unchanged for A
        assertEquals(0.0, r.summary().emptySlicesFalsePositiveRate(), EPS);
        Map<String, EvaluationSummary.Segmentation> variants = r.summary().variants();
        assertEquals(0.375, variants.get("raw").dicePerPatientMean(), EPS);
        // lcc on A: components {0,1 of slice 2 + 0..3 of slice 3} (6 px) and {24,25} of slice 2 -> drops 24,25
        // A: tp 6, fp 0, fn 2 -> Dice 12/14; B: empty prediction vs 2 truth pixels -> 0
        assertEquals(6.0 / 14, variants.get("lcc").dicePerPatientMean(), EPS);
    }

    @Test
    void segmentationModelGivesThresholdSweepAndTta() throws Exception {
        Path data = EvalFixtures.phantoms(tmp.resolve("data"), 2, 4);
        LggDataset d = LggDataset.index(data);
        // probability 0.7 on the truth's pixels, 0.2 on the left-most column of every slice
        Map<SliceRecord, byte[]> truth = new java.util.HashMap<>();
        for (SliceRecord r : d.slices())
            truth.put(r, LggTiff.readMask(r.mask(), LggTiff.ANY_SIZE).pixels());
        // the model sees images only; key them by content
        Map<String, byte[]> byImage = new java.util.HashMap<>();
        for (SliceRecord r : d.slices())
            byImage.put(
                    java.util.Arrays.toString(
                            LggTiff.readImage(r.image(), LggTiff.ANY_SIZE).pixels()),
                    truth.get(r));
        SegmentationModel oracle = (slices, cancel) -> {
            List<float[]> out = new ArrayList<>();
            for (var s : slices) {
                byte[] t = byImage.get(java.util.Arrays.toString(s.pixels()));
                float[] p = new float[s.width() * s.height()];
                for (int i = 0; i < p.length; i++) {
                    if (t != null && t[i] != 0) p[i] = 0.7f;
                    if (i % s.width() == 0) p[i] = Math.max(p[i], 0.2f);
                }
                out.add(p);
            }
            return out;
        };
        Path out = tmp.resolve("out");
        EvaluationResult r = Evaluation.builder(d)
                .optSegmentationModel(oracle, "oracle", 0.5)
                .optTta(true)
                .setOutput(out)
                .build()
                .run();
        CsvTable thresholds = CsvTable.read(out.resolve("thresholds.csv"));
        assertEquals(19, thresholds.rowCount());
        // TTA averages 0.2 on the left column with 0 (the mirrored map has it on the right): 0.1 everywhere there,
        // so thresholds above 0.1 give the truth back exactly
        assertEquals(0.15, r.summary().bestThreshold(), EPS);
        assertEquals(0.5, r.summary().threshold(), EPS);
        CsvTable v = CsvTable.read(out.resolve("postprocessing.csv"));
        assertEquals(List.of("raw", "tta"), v.column("variant"));
        assertTrue(Files.exists(out.resolve("thresholds.png")));
    }

    @Test
    void patientListedTwiceIsAnError() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        String id = d.patients().get(0).id();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.ofPredictions(d, pred)
                        .optPatients(List.of(id, id))
                        .setOutput(tmp.resolve("o"))
                        .build());
        assertTrue(e.getMessage().contains(id) && e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void patientSubsetIsEvaluatedAlone() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        EvaluationResult r = Evaluation.ofPredictions(d, pred)
                .optPatients(List.of(d.patients().get(0).id()))
                .setOutput(tmp.resolve("o"))
                .build()
                .run();
        assertEquals(1, r.summary().patients());
        assertEquals(0.75, r.summary().dicePerPatientMean(), EPS);
    }

    @Test
    void missingPredictionNamesTheFile() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        Path missing = PredictionLayout.path(pred, d.patients().get(1).slices().get(2));
        Files.delete(missing);
        Evaluation e =
                Evaluation.ofPredictions(d, pred).setOutput(tmp.resolve("o")).build();
        LggDataException x = assertThrows(LggDataException.class, e::run);
        assertTrue(x.getMessage().contains(missing.toString()), x.getMessage());
    }

    @Test
    void modelOfTheWrongKindIsAnError() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        Path bundle = Files.createDirectories(tmp.resolve("classifier-bundle"));
        ModelInfo info = ModelInfo.builder(ModelKind.CLASSIFIER)
                .setArchitecture(new com.google.gson.JsonObject())
                .optWeights("weights.params", ModelInfo.FORMAT_DJL, "00")
                .build();
        Files.writeString(bundle.resolve(ModelBundle.MODEL_JSON), info.toJson());
        Evaluation e = Evaluation.builder(d)
                .optUnet(bundle)
                .setOutput(tmp.resolve("o"))
                .build();
        BundleException x = assertThrows(BundleException.class, e::run);
        assertTrue(x.getMessage().contains("classifier") && x.getMessage().contains("unet"), x.getMessage());
        assertTrue(Files.notExists(tmp.resolve("o").resolve(EvaluationReport.SUMMARY)), "nothing written");
    }

    @Test
    void nothingToEvaluateIsAnError() throws Exception {
        Path data = EvalFixtures.phantoms(tmp.resolve("data"), 1, 3);
        LggDataset d = LggDataset.index(data);
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.builder(d).setOutput(tmp).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.ofPredictions(d, tmp.resolve("none"))
                        .setOutput(tmp)
                        .build());
    }

    @Test
    void cancelStopsBeforeWritingAnything() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        Evaluation e = Evaluation.ofPredictions(d, pred)
                .optCancel(() -> true)
                .setOutput(tmp.resolve("o"))
                .build();
        assertThrows(java.util.concurrent.CancellationException.class, e::run);
        assertTrue(Files.notExists(tmp.resolve("o").resolve(EvaluationReport.SUMMARY)));
    }

    private static void assertNumber(double expected, Map<String, Object> s, String key) {
        assertNumber(expected, s, key, EPS);
    }

    private static void assertNumber(double expected, Map<String, Object> s, String key, double eps) {
        Object v = s.get(key);
        assertTrue(v instanceof Number, key + " is not a number: " + v);
        assertEquals(expected, ((Number) v).doubleValue(), eps, key);
    }
}
