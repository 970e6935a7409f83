package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.app.ModelCards;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line without models: usage, overview, iou, demo, and every kind of bad input (exit code 2). */
class MainTest {
    @TempDir
    static Path tmp;

    static Path data;
    static Path empty;
    static Path text;
    static Path small;

    @BeforeAll
    static void files() throws Exception {
        data = tmp.resolve("phantom");
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(2)
                .optSlicesPerPatient(4)
                .optHospitals("AA", "BB")
                .build()
                .write(data);
        empty = Files.createDirectories(tmp.resolve("empty"));
        text = Files.writeString(tmp.resolve("notes.tif"), "not an image");
        small = tmp.resolve("small_mask.tif");
        LggTiff.writeMask(small, SliceMask.empty(32, 32));
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        CliRun r = CliRun.of();
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.out().contains("segment"), r.out());
    }

    @Test
    void launcherScriptIsValidBash() throws Exception {
        Process p = new ProcessBuilder("bash", "-n", "bin/brain-tumor")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertTrue(Files.isExecutable(Path.of("bin/brain-tumor")), "bin/brain-tumor is not executable");
    }

    @Test
    void deviceOptionIsTakenByEverySubcommandAndWrongOnesAreOneLine() {
        try {
            CliRun bad = CliRun.of("iou", "--device", "cuda", small.toString(), small.toString());
            assertEquals(Main.BAD_INPUT, bad.code(), bad.err());
            assertEquals("brain-tumor iou: device must be auto, cpu or gpu, got 'cuda'", bad.reason());
            CliRun missing = CliRun.of("iou", small.toString(), small.toString(), "--device");
            assertEquals(Main.BAD_INPUT, missing.code(), missing.err());
            assertTrue(missing.reason().contains("--device needs a value"), missing.reason());
            CliRun cpu = CliRun.of("iou", "--device", "cpu", small.toString(), small.toString());
            assertEquals(Main.OK, cpu.code(), cpu.err());
            assertEquals("cpu", System.getProperty(io.github.braintumor.engine.DeviceChoice.PROPERTY));
            if (io.github.braintumor.engine.DjlEngine.start().getGpuCount() == 0) {
                CliRun gpu = CliRun.of("iou", "--device", "gpu", small.toString(), small.toString());
                assertEquals(Main.BAD_INPUT, gpu.code(), gpu.err());
                assertTrue(gpu.reason().contains("PyTorch cannot use a GPU here"), gpu.reason());
                assertTrue(!gpu.err().contains("\tat "), gpu.err());
            }
            assertTrue(CliRun.of("segment", "--help").out().contains("--device auto|cpu|gpu"));
        } finally {
            System.clearProperty(io.github.braintumor.engine.DeviceChoice.PROPERTY);
        }
    }

    @Test
    void precisionOptionIsTakenByEverySubcommandAndNamedInTheEngineLine(@org.junit.jupiter.api.io.TempDir Path dir) {
        String prop = io.github.braintumor.engine.Precision.PROPERTY;
        try {
            CliRun bad = CliRun.of("iou", "--precision", "fp16", small.toString(), small.toString());
            assertEquals(Main.BAD_INPUT, bad.code(), bad.err());
            assertEquals("brain-tumor iou: precision must be auto, float32 or bfloat16, got 'fp16'", bad.reason());
            CliRun missing = CliRun.of("iou", small.toString(), small.toString(), "--precision");
            assertEquals(Main.BAD_INPUT, missing.code(), missing.err());
            assertTrue(missing.reason().contains("--precision needs a value"), missing.reason());
            assertTrue(CliRun.of("classify", "--help").out().contains("--precision auto|float32|bfloat16"));
            for (String p : new String[] {"float32", "bfloat16"}) {
                CliRun r = CliRun.of(
                        "segment",
                        data.toString(),
                        "--out",
                        dir.resolve("out-" + p).toString(),
                        "--precision",
                        p);
                assertEquals(Main.OK, r.code(), r.err());
                assertTrue(r.err().contains(", inference " + p + ", batch"), r.err());
                assertEquals(p, System.getProperty(prop));
            }
        } finally {
            System.clearProperty(prop);
        }
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.reason().contains("unknown subcommand 'frobnicate'"), r.err());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "overview",
                "train-unet",
                "train-classifier",
                "search-classifier",
                "segment",
                "classify",
                "iou",
                "demo"
            })
    void everySubcommandHasHelp(String name) {
        CliRun r = CliRun.of(name, "--help");
        assertEquals(Main.OK, r.code());
        assertTrue(r.out().startsWith("usage: brain-tumor " + name), r.out());
    }

    @Test
    void unknownOptionIsBadUsage() {
        CliRun r = CliRun.of("overview", data.toString(), "--frob");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.reason().contains("unknown option --frob"), r.err());
    }

    @Test
    void overviewCountsPatientsAndWritesCsv() throws Exception {
        Path csv = tmp.resolve("overview.csv");
        CliRun r = CliRun.of("overview", data.toString(), "--csv", csv.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("2 patients, 8 slices"), r.out());
        assertEquals(3, CsvTable.read(csv).rowCount()); // AA, BB, all
    }

    @Test
    void overviewOfMissingOrEmptyFolderIsBadInput() {
        CliRun missing = CliRun.of("overview", tmp.resolve("nope").toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertTrue(missing.reason().contains("not found"), missing.err());
        CliRun none = CliRun.of("overview", empty.toString());
        assertEquals(Main.BAD_INPUT, none.code());
        assertTrue(none.reason().contains("brain-tumor overview:"), none.err());
    }

    @Test
    void iouOfMaskWithItselfIsOne() throws Exception {
        SliceRecord tumour = LggDataset.index(data).slices().stream()
                .filter(SliceRecord::tumour)
                .findFirst()
                .orElseThrow();
        Path csv = tmp.resolve("iou-self.csv");
        CliRun r = CliRun.of("iou", tumour.mask().toString(), tumour.mask().toString(), "--csv", csv.toString());
        assertEquals(Main.OK, r.code(), r.err());
        CsvTable t = CsvTable.read(csv);
        assertEquals(3, t.rowCount()); // slice 1, micro, macro
        assertEquals(1.0, t.doubleColumn("iou")[0], 1e-12);
        assertEquals("micro", t.get(1, "slice"));
        assertEquals("macro", t.get(2, "slice"));
    }

    @Test
    void iouPairsSegmentOutputLayoutWithGroundTruth() throws Exception {
        Path predictions = tmp.resolve("pred-layout");
        LggDataset d = LggDataset.index(data);
        for (SliceRecord s : d.slices()) {
            Path p = PredictionLayout.path(predictions, s.patientId(), Inputs.stem(s.image()));
            Files.createDirectories(p.getParent());
            LggTiff.writeMask(p, SliceMask.empty(256, 256)); // predicts nothing
        }
        Path csv = tmp.resolve("iou-folders.csv");
        CliRun r = CliRun.of("iou", predictions.toString(), data.toString(), "--csv", csv.toString());
        assertEquals(Main.OK, r.code(), r.err());
        CsvTable t = CsvTable.read(csv);
        assertEquals(d.slices().size() + 2, t.rowCount());
        assertEquals(0.0, t.doubleColumn("iou")[d.slices().size()], 1e-12); // micro: tumour pixels all missed
    }

    @Test
    void iouBadInputs() {
        Path mask = tmp.resolve("phantom");
        CliRun missing = CliRun.of(
                "iou", tmp.resolve("a.tif").toString(), tmp.resolve("b.tif").toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertTrue(missing.reason().contains("PRED not found"), missing.err());
        CliRun notImage = CliRun.of("iou", text.toString(), small.toString());
        assertEquals(Main.BAD_INPUT, notImage.code());
        assertTrue(notImage.reason().contains("notes.tif"), notImage.err());
        CliRun fileAndFolder = CliRun.of("iou", small.toString(), mask.toString());
        assertEquals(Main.BAD_INPUT, fileAndFolder.code());
        CliRun noPredictions = CliRun.of("iou", empty.toString(), data.toString());
        assertEquals(Main.BAD_INPUT, noPredictions.code());
        assertTrue(noPredictions.reason().contains("run 'segment'"), noPredictions.err());
    }

    @Test
    void iouOfDifferentSizesIsBadInput() throws Exception {
        SliceRecord s = LggDataset.index(data).slices().get(0);
        CliRun r = CliRun.of("iou", small.toString(), s.mask().toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.reason().contains("32x32") && r.reason().contains("256x256"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"segment", "classify"})
    void inferenceBadInputs(String command) {
        String outOption = command.equals("segment") ? "--out" : "--csv";
        Path out = tmp.resolve("out-" + command);
        CliRun missing = CliRun.of(command, tmp.resolve("nope.tif").toString(), outOption, out.toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertTrue(missing.reason().contains("INPUT not found"), missing.err());
        CliRun notImage = CliRun.of(command, text.toString(), outOption, out.toString());
        assertEquals(Main.BAD_INPUT, notImage.code());
        assertTrue(notImage.reason().contains("notes.tif"), notImage.err());
        CliRun none = CliRun.of(command, empty.toString(), outOption, out.toString());
        assertEquals(Main.BAD_INPUT, none.code());
        CliRun badModel = CliRun.of(
                command,
                data.toString(),
                outOption,
                out.toString(),
                "--model",
                tmp.resolve("no-model").toString());
        assertEquals(Main.BAD_INPUT, badModel.code());
        assertTrue(badModel.reason().contains("model not found"), badModel.err());
        CliRun notBundle = CliRun.of(command, data.toString(), outOption, out.toString(), "--model", empty.toString());
        assertEquals(Main.BAD_INPUT, notBundle.code());
        CliRun badThreshold = CliRun.of(command, data.toString(), outOption, out.toString(), "--threshold", "2");
        assertEquals(Main.BAD_INPUT, badThreshold.code());
        assertTrue(badThreshold.reason().contains("--threshold"), badThreshold.err());
    }

    @Test
    void segmentNeedsOut() {
        CliRun r = CliRun.of("segment", data.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.reason().contains("--out"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train-unet", "train-classifier", "search-classifier"})
    void trainingBadInputs(String command) {
        Path out = tmp.resolve("bundle-" + command);
        assertEquals(
                Main.BAD_INPUT,
                CliRun.of(command, tmp.resolve("nope").toString(), "--out", out.toString())
                        .code());
        assertEquals(
                Main.BAD_INPUT,
                CliRun.of(command, empty.toString(), "--out", out.toString()).code());
        CliRun noOut = CliRun.of(command, data.toString());
        assertEquals(Main.BAD_INPUT, noOut.code());
        assertTrue(noOut.reason().contains("--out"), noOut.err());
        CliRun badNumber = CliRun.of(command, data.toString(), "--out", out.toString(), "--epochs", "many");
        assertEquals(Main.BAD_INPUT, badNumber.code());
        assertTrue(badNumber.reason().contains("--epochs must be a whole number"), badNumber.err());
        CliRun zero = CliRun.of(command, data.toString(), "--out", out.toString(), "--epochs", "0");
        assertEquals(Main.BAD_INPUT, zero.code());
    }

    @Test
    void demoWithoutEmbeddedModelsExitsThree() {
        boolean embedded = ModelCards.hasEmbedded(ModelKind.UNET) && ModelCards.hasEmbedded(ModelKind.CLASSIFIER);
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of("demo", "--out", out.toString());
        if (embedded) {
            assertEquals(Main.OK, r.code(), r.err());
            assertTrue(r.out().contains("SYNTHETIC"), r.out());
            assertTrue(Files.isRegularFile(out.resolve("SYNTHETIC_results.csv")));
            String all = r.out() + r.err();
            assertEquals(1, all.split("post-processing: ", -1).length - 1, "each message once:\n" + all);
        } else {
            assertEquals(Main.NO_MODEL, r.code());
            assertTrue(r.err().contains("no embedded"), r.err());
        }
    }

    @Test
    void demoWithMissingDataFolderIsBadInput() {
        boolean embedded = ModelCards.hasEmbedded(ModelKind.UNET) && ModelCards.hasEmbedded(ModelKind.CLASSIFIER);
        CliRun r = CliRun.of(
                "demo",
                "--data",
                tmp.resolve("nope").toString(),
                "--out",
                tmp.resolve("d2").toString());
        assertEquals(embedded ? Main.BAD_INPUT : Main.NO_MODEL, r.code());
    }
}
