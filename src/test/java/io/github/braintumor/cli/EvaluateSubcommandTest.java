package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateSubcommandTest {
    @TempDir
    Path tmp;

    Path data, pred;
    LggDataset d;

    @BeforeEach
    void perfectPredictions() throws Exception {
        data = tmp.resolve("data");
        pred = tmp.resolve("pred");
        PhantomGenerator.builder()
                .optSeed(3)
                .optPatients(3)
                .optSlicesPerPatient(3)
                .optSize(16)
                .build()
                .write(data);
        d = LggDataset.index(data);
        for (SliceRecord s : d.slices()) {
            Path file = PredictionLayout.path(pred, s);
            Files.createDirectories(file.getParent());
            LggTiff.writeMask(file, LggTiff.readMask(s.mask(), LggTiff.ANY_SIZE));
        }
    }

    @Test
    void evaluatesPredictionsOfChosenPatients() throws Exception {
        Path out = tmp.resolve("out");
        String two = d.patients().get(0).id() + "," + d.patients().get(2).id();
        CliRun r = CliRun.of(
                "evaluate",
                data.toString(),
                "--out",
                out.toString(),
                "--predictions",
                pred.toString(),
                "--patients",
                two,
                "--lcc",
                "--min-area",
                "2");
        assertEquals(Main.OK, r.code(), r.err());
        Map<String, Object> s = Json.read(out.resolve("summary.json"));
        assertEquals(2L, s.get("patients"));
        assertEquals(1.0, ((Number) s.get("dice_per_patient_mean")).doubleValue(), 1e-12);
        assertTrue(r.out().contains("dice_per_patient_mean"), r.out());
    }

    @Test
    void badInputsExitTwoWithAReason() throws Exception {
        String id = d.patients().get(0).id();
        CliRun twice = CliRun.of(
                "evaluate",
                data.toString(),
                "--out",
                tmp.resolve("o").toString(),
                "--predictions",
                pred.toString(),
                "--patients",
                id + "," + id);
        assertEquals(Main.BAD_INPUT, twice.code());
        assertTrue(twice.reason().contains("twice"), twice.reason());

        Path missing = PredictionLayout.path(pred, d.slices().get(1));
        Files.delete(missing);
        CliRun gap = CliRun.of(
                "evaluate", data.toString(), "--out", tmp.resolve("o").toString(), "--predictions", pred.toString());
        assertEquals(Main.BAD_INPUT, gap.code());
        assertTrue(gap.reason().contains(missing.getFileName().toString()), gap.reason());

        assertEquals(Main.BAD_INPUT, CliRun.of("evaluate", data.toString()).code());
        assertEquals(
                Main.BAD_INPUT,
                CliRun.of("evaluate", data.toString(), "--out", "x", "--threshold", "2")
                        .code());
        assertEquals(
                Main.BAD_INPUT,
                CliRun.of("evaluate", data.toString(), "--out", tmp.resolve("o").toString(), "--write-threshold")
                        .code(),
                "the embedded model cannot be written");
    }

    @Test
    void withoutModelsTheEmbeddedDefaultsAreEvaluatedWithTheirRecordedPostProcessing() throws Exception {
        Path out = tmp.resolve("embedded");
        Path big = io.github.braintumor.fiji.TinyModels.data(); // 256x256 slices, as the embedded models need
        String one = LggDataset.index(big).patients().get(0).id();
        CliRun r = CliRun.of("evaluate", big.toString(), "--out", out.toString(), "--patients", one);
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("embedded default models"), r.err());
        Map<String, Object> s = Json.read(out.resolve("summary.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> models = (Map<String, Object>) s.get("model");
        assertTrue(models.get("unet") != null && models.get("classifier") != null, models.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) s.get("options");
        io.github.braintumor.model.PostProcessingSettings recorded = io.github.braintumor.model.EmbeddedModels.load(
                        io.github.braintumor.model.ModelKind.UNET)
                .info()
                .postProcessing();
        assertEquals(recorded.tta(), options.get("tta"));
        assertEquals(recorded.lcc(), options.get("lcc"));
    }

    @Test
    void simulatedModalitiesAndBrightnessAreComparedOnTheSamePatients() throws Exception {
        Path out = tmp.resolve("robust");
        CliRun r = CliRun.of(
                "evaluate",
                io.github.braintumor.fiji.TinyModels.data().toString(),
                "--out",
                out.toString(),
                "--unet",
                io.github.braintumor.fiji.TinyModels.unet().toString(),
                "--modalities",
                "as-is,flair-only,no-post",
                "--brightness",
                "0.4");
        assertEquals(Main.OK, r.code(), r.err());
        io.github.braintumor.report.CsvTable rows =
                io.github.braintumor.report.CsvTable.read(out.resolve("modalities.csv"));
        assertEquals(4, rows.rowCount());
        assertEquals("as-is", rows.get(0, "condition"));
        assertEquals("flair-only", rows.get(1, "condition"));
        assertEquals("brightness-0.4", rows.get(3, "condition"));
        assertTrue(Files.isRegularFile(out.resolve("modalities.png")));
        io.github.braintumor.report.CsvTable flair = io.github.braintumor.report.CsvTable.read(
                out.resolve("conditions").resolve("flair-only").resolve("per_patient.csv"));
        assertEquals("flair-only", flair.get(0, "modalities"));
        io.github.braintumor.report.CsvTable asIs =
                io.github.braintumor.report.CsvTable.read(out.resolve("per_patient.csv"));
        assertEquals("complete", asIs.get(0, "modalities"));
        // the as-is row is the main evaluation's own numbers
        Map<String, Object> summary = Json.read(out.resolve("summary.json"));
        assertEquals(
                ((Number) summary.get("dice_per_patient_mean")).doubleValue(),
                Double.parseDouble(rows.get(0, "dice_per_patient_mean")),
                1e-6);
        assertTrue(r.out().contains("condition flair-only"), r.out());
        CliRun bad = CliRun.of(
                "evaluate",
                data.toString(),
                "--out",
                tmp.resolve("b").toString(),
                "--predictions",
                pred.toString(),
                "--modalities",
                "flair-only");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.reason().contains("need a model"), bad.reason());
        CliRun unknown = CliRun.of(
                "evaluate",
                data.toString(),
                "--out",
                tmp.resolve("c").toString(),
                "--predictions",
                pred.toString(),
                "--modalities",
                "t2");
        assertEquals(Main.BAD_INPUT, unknown.code());
        assertTrue(unknown.reason().contains("'t2'"), unknown.reason());
    }

    @Test
    void helpNamesEveryOption() {
        CliRun r = CliRun.of("evaluate", "--help");
        assertEquals(Main.OK, r.code());
        for (String o : new String[] {
            "--out",
            "--unet",
            "--classifier",
            "--threshold",
            "--lcc",
            "--tta",
            "--min-area",
            "--patients",
            "--predictions",
            "--modalities",
            "--brightness"
        }) {
            assertTrue(r.out().contains(o), o);
        }
    }

    @Test
    void aSecondEvaluationIntoTheSameFolderIsRefusedUnlessOverwriteWhichKeepsOtherFiles() throws Exception {
        Path out = tmp.resolve("again");
        String one = d.patients().get(0).id();
        assertEquals(
                Main.OK,
                CliRun.of(
                                "evaluate",
                                data.toString(),
                                "--out",
                                out.toString(),
                                "--predictions",
                                pred.toString(),
                                "--patients",
                                one)
                        .code());
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        CliRun again =
                CliRun.of("evaluate", data.toString(), "--out", out.toString(), "--predictions", pred.toString());
        assertEquals(Main.BAD_INPUT, again.code(), again.err());
        assertTrue(again.reason().contains("earlier 'evaluate' output: pass --overwrite"), again.reason());
        assertEquals(1L, Json.read(out.resolve("summary.json")).get("patients"), "the refused run changed nothing");
        CliRun over = CliRun.of(
                "evaluate", data.toString(), "--out", out.toString(), "--predictions", pred.toString(), "--overwrite");
        assertEquals(Main.OK, over.code(), over.err());
        assertEquals(3L, Json.read(out.resolve("summary.json")).get("patients"));
        assertTrue(Files.isRegularFile(out.resolve("my-notes.txt")), "--overwrite removed a file it did not write");
    }
}
