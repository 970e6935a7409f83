package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.XavierInitializer;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void everyImageOfTheReportExistsAndIsAPng() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        int[] call = {0};
        double[][] p = {{0.1, 0.8, 0.4}, {0.6, 0.9, 0.2}};
        Evaluation.ofPredictions(d, pred)
                .optLargestComponent(true)
                .optClassificationModel((slices, cancel) -> p[call[0]++], "fixed", 0.5)
                .setOutput(out)
                .build()
                .run();
        String html = Files.readString(out.resolve(EvaluationReport.REPORT));
        Matcher m = Pattern.compile("<img[^>]*src=\"([^\"]+)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (m.find()) sources.add(m.group(1));
        assertTrue(sources.size() >= 6, "charts and overlays: " + sources);
        assertTrue(sources.contains("best_1.png") && sources.contains("worst_1.png"), sources.toString());
        for (String src : sources) {
            Path png = out.resolve(src);
            assertTrue(Files.isRegularFile(png), src + " is missing");
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
            assertTrue(
                    java.util.Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, head),
                    src + " is not a PNG");
            assertNotNull(ImageIO.read(png.toFile()), src + " does not decode");
        }
        assertTrue(html.contains("pixel accuracy") || html.contains("Pixel accuracy"), "explains pixel accuracy");
        assertFalse(html.contains("NaN"), "no NaN on the page");
        screenshotIfChromiumExists(out);
    }

    @Test
    void examplesComeFromDifferentPatientsAndTheDiceChartSuitsThePatientCount() throws Exception {
        int few = EvaluationReport.FEW_PATIENTS - 1;
        String html = report(tmp.resolve("few"), few);
        // Patient 1's slices are the best and the worst of all; each patient still shows once.
        assertEquals(
                EvaluationResult.EXAMPLES, examplePatients(html, "Good example").size(), html);
        assertEquals(
                EvaluationResult.EXAMPLES, examplePatients(html, "Bad example").size());
        assertTrue(html.contains("<figcaption>Volume Dice of each patient"), "one bar per patient");
        assertFalse(html.contains("Histogram of the volume Dice"));
        int grid = html.indexOf("<div class=\"figure-grid\">");
        assertTrue(grid > 0 && html.indexOf("best_1.png") > grid, "examples are laid out in a grid");

        String many = report(tmp.resolve("many"), EvaluationReport.FEW_PATIENTS);
        assertTrue(many.contains("<figcaption>Histogram of the volume Dice"), "a histogram for many patients");
        assertFalse(many.contains("Volume Dice of each patient"));

        // Fewer patients than examples: every patient, then each one's next best.
        String two = report(tmp.resolve("two"), 2);
        assertEquals(Set.of("TCGA_CS_9001", "TCGA_DU_9002"), examplePatients(two, "Good example"));
    }

    @Test
    void modelsAreCardsWithTheRawJsonOnlyCollapsed() throws Exception {
        Path bundle = tmp.resolve("tiny-unet");
        DjlEngine.start();
        ModelInfo info = ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, 4, 2))
                .optInputSize(16)
                .optThreshold(0.5f)
                .optTraining(new ModelInfo.TrainingData(
                        List.of("TCGA_CS_9001_20000101", "TCGA_DU_9002_20000201", "TCGA_CS_9003_20000301"),
                        List.of("TCGA_DU_9004_20000401"),
                        1,
                        "phantoms",
                        null,
                        "bfloat16"))
                .optValidationMetric("dice_3d_mean", 0.5)
                .optPostProcessing(new PostProcessingSettings(true, true, 0))
                .build();
        try (Model model = Model.newInstance("unet", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(Architectures.block(info));
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            model.getBlock().setInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            ModelBundle.save(bundle, model, info, Map.of());
        }
        LggDataset d = LggDataset.index(EvalFixtures.phantoms(tmp.resolve("data"), 2, 3));
        Path out = tmp.resolve("out");
        Evaluation.builder(d).optUnet(bundle).setOutput(out).build().run();
        String html = Files.readString(out.resolve(EvaluationReport.REPORT));
        int from = html.indexOf("<h2>Models</h2>");
        String models = html.substring(from, html.indexOf("<h2>", from + 1));
        String outsideDetails = models.replaceAll("(?s)<details>.*?</details>", "");
        assertEquals(1, count(models, "<details>"), "the raw JSON, collapsed");
        assertTrue(models.contains("weights_sha256"), "the raw JSON is still there");
        for (String json : List.of("{", "&quot;", "<pre>", "weights_sha256")) {
            assertFalse(outsideDetails.contains(json), json + " outside <details>: " + outsideDetails);
        }
        assertTrue(outsideDetails.contains("<h3>Segmentation: tiny-unet</h3>"), outsideDetails);
        for (String field : List.of(
                "<dt>kind</dt><dd>unet</dd>",
                "<dt>architecture</dt><dd>UNet, depth 2, 4 features in the first level, 3 input channels</dd>",
                "<dt>training patients</dt><dd>3</dd>",
                "<dt>validation patients</dt><dd>1</dd>",
                "<dt>precision</dt><dd>bfloat16</dd>",
                "<dt>normalisation</dt><dd>" + info.normalization() + "</dd>",
                "<dt>threshold</dt><dd>0.5</dd>",
                "<dt>post-processing (recommended)</dt><dd>mirror averaging (TTA), largest 3-D region</dd>",
                "<dt>licence</dt><dd>not recorded</dd>",
                "<dt>validation metrics</dt><dd>dice_3d_mean 0.5</dd>",
                "<h3>This evaluation</h3>")) {
            assertTrue(outsideDetails.contains(field), field + " missing: " + outsideDetails);
        }
    }

    /**
     * A report of predicted masks for {@code patients} phantom patients of 6 slices: slices 1-4 have tumour, patient
     * 1 predicts them exactly (Dice 1), the others miss a pixel; patient 1 predicts tumour on its empty slices 5-6
     * (Dice 0), the others miss one more.
     */
    private static String report(Path dir, int patients) throws Exception {
        Path data = dir.resolve("data"), pred = dir.resolve("pred"), out = dir.resolve("out");
        LggDataset d = LggDataset.index(EvalFixtures.phantoms(data, patients, 6));
        for (int p = 0; p < patients; p++) {
            PatientRecord patient = d.patients().get(p);
            for (int s = 0; s < 6; s++) {
                SliceRecord r = patient.slices().get(s);
                boolean tumour = s < 4;
                LggTiff.writeMask(r.mask(), tumour ? EvalFixtures.mask(0, 1, 2, 3) : EvalFixtures.mask());
                SliceMask predicted;
                if (p == 0) predicted = tumour ? EvalFixtures.mask(0, 1, 2, 3) : EvalFixtures.mask(40, 41);
                else predicted = tumour ? EvalFixtures.mask(0, 1, 2) : EvalFixtures.mask();
                if (p > 0 && s == 3) predicted = EvalFixtures.mask(0, 1); // each patient's own worst
                Path file = PredictionLayout.path(pred, r);
                Files.createDirectories(file.getParent());
                LggTiff.writeMask(file, predicted);
            }
        }
        Evaluation.ofPredictions(LggDataset.index(data), pred)
                .setOutput(out)
                .build()
                .run();
        return Files.readString(out.resolve(EvaluationReport.REPORT));
    }

    /** The patients (TCGA_HH_NNNN) of the example overlays of one kind on the page. */
    private static Set<String> examplePatients(String html, String kind) {
        Matcher m = Pattern.compile("<figcaption>" + kind + ": (TCGA_[A-Z]{2}_\\d{4})")
                .matcher(html);
        Set<String> patients = new TreeSet<>();
        int n = 0;
        while (m.find()) {
            patients.add(m.group(1));
            n++;
        }
        assertEquals(EvaluationResult.EXAMPLES, n, kind + " overlays");
        return patients;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    /** Optional: a headless browser renders the page without error (skipped without /usr/bin/chromium). */
    private static void screenshotIfChromiumExists(Path out) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) return;
        Path shot = out.resolve("screenshot.png");
        Process proc = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--screenshot=" + shot,
                        "--window-size=1200,3000",
                        out.resolve(EvaluationReport.REPORT).toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            return;
        }
        assertTrue(Files.isRegularFile(shot), "chromium wrote no screenshot");
        assertNotNull(ImageIO.read(shot.toFile()));
    }
}
