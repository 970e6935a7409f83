package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped macro at its edges, in real ImageJ 1.54p under {@code -batch}: empty optional arguments, output
 * folders that do not exist yet, a patient folder where a data folder is expected, and every error path ending the
 * run with a message and exit code 1 (never a modal dialog, which would hang the batch run until the timeout).
 */
class MacroEdgeCasesTest {
    @TempDir
    static Path tmp;

    static Path stack;
    static PatientRecord patient;

    @BeforeAll
    static void stack() throws Exception {
        String why = ImageJRunner.unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        patient = LggDataset.index(TinyModels.data()).patients().get(0);
        stack = tmp.resolve("stack.tif");
        new ij.io.FileSaver(CommandsTest.patientStack(patient)).saveAsTiffStack(stack.toString());
    }

    @Test
    void aMissingRequiredInputEndsEveryMacroWithExitCode1AndOneLine() throws Exception {
        Path none = tmp.resolve("no-such");
        Path out = tmp.resolve("never");
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("segment_stack.ijm", none + ".tif|" + out);
        calls.put("segment_to_rois.ijm", none + ".tif|" + out);
        calls.put("classify_stack.ijm", none + ".tif|" + out.resolve("c.csv"));
        calls.put("batch_segment_folder.ijm", none + "|" + out);
        calls.put("compute_iou_folder.ijm", none + "|" + none + "|" + out.resolve("iou.csv"));
        calls.put("evaluate_models.ijm", none + "|" + out + "|");
        calls.put("train_unet.ijm", none + "|" + out);
        for (Map.Entry<String, String> c : calls.entrySet()) {
            ImageJRunner.Result r = ImageJRunner.runMacro(c.getKey(), c.getValue(), 90);
            assertEquals(CommandLineBatch.ERROR_EXIT, r.exitCode(), c.getKey() + ":\n" + r.output());
            assertTrue(
                    r.output().contains("Brain Tumor macro: ") && r.output().contains(none.toString()),
                    c.getKey() + ":\n" + r.output());
        }
        assertFalse(Files.exists(out), "an output was made for a run that was refused");
    }

    @Test
    void segmentStackWithEmptyOptionalFieldsMakesItsOutputFolder() throws Exception {
        Path out = tmp.resolve("made/by/the/macro");
        ImageJRunner.Result r =
                ImageJRunner.runMacro("segment_stack.ijm", stack + "|" + out + "|" + TinyModels.unet() + "|", 180);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(Files.isRegularFile(out.resolve("stack-mask.tif")), r.output());
    }

    @Test
    void segmentToRoisWithAnEmptyThresholdIntoAMissingFolder() throws Exception {
        Path out = tmp.resolve("rois-new");
        ImageJRunner.Result r =
                ImageJRunner.runMacro("segment_to_rois.ijm", stack + "|" + out + "|" + TinyModels.unet() + "|", 180);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(Files.isRegularFile(out.resolve("stack-volume.csv")), r.output());
    }

    @Test
    void classifyStackWithTheEmbeddedModelIntoAMissingFolder() throws Exception {
        Path csv = tmp.resolve("classes/new/classes.csv");
        ImageJRunner.Result r = ImageJRunner.runMacro("classify_stack.ijm", stack + "|" + csv + "|", 180);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(patient.slices().size(), CsvTable.read(csv).rowCount(), r.output());
    }

    @Test
    void computeIouFolderTakesAPatientFolderForTheGroundTruth() throws Exception {
        Path predictions = tmp.resolve("iou-pred");
        for (SliceRecord s : patient.slices()) {
            Path pred = predictions
                    .resolve(s.patientId())
                    .resolve(s.image().getFileName().toString().replace(".tif", "_pred.tif"));
            Files.createDirectories(pred.getParent());
            Files.copy(s.mask(), pred);
        }
        Path folder = patient.slices().get(0).image().getParent();
        Path csv = tmp.resolve("iou-new/iou.csv");
        ImageJRunner.Result r =
                ImageJRunner.runMacro("compute_iou_folder.ijm", predictions + "|" + folder + "|" + csv, 120);
        assertEquals(0, r.exitCode(), r.output());
        CsvTable t = CsvTable.read(csv);
        assertEquals(patient.slices().size(), t.rowCount());
        for (double iou : t.doubleColumn("IoU")) assertEquals(1.0, iou, 1e-9);
    }

    @Test
    void evaluateModelsWithAnEmptyModelFieldUsesTheEmbeddedUNet() throws Exception {
        Path out = tmp.resolve("eval-embedded");
        ImageJRunner.Result r = ImageJRunner.runMacro("evaluate_models.ijm", TinyModels.data() + "|" + out + "|", 300);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(Files.isRegularFile(out.resolve(io.github.braintumor.eval.EvaluationReport.SUMMARY)), r.output());
    }

    @Test
    void trainUnetWithoutItsOutputArgumentIsRefused() throws Exception {
        ImageJRunner.Result r = ImageJRunner.runMacro("train_unet.ijm", TinyModels.data() + "|", 90);
        assertEquals(CommandLineBatch.ERROR_EXIT, r.exitCode(), r.output());
        assertTrue(r.output().contains("output model folder is missing"), r.output());
    }

    @Test
    void aCommandWithNoImageOpenFailsInsteadOfWaitingOnADialog() throws Exception {
        ImageJRunner.Result r = ImageJRunner.runMacroText("run(\"Segment Tumor (UNet)\", \"model=[]\");\n", "", 60);
        assertEquals(CommandLineBatch.ERROR_EXIT, r.exitCode(), r.output());
        assertTrue(r.output().contains("Segment Tumor (UNet): no image is open"), r.output());
        ImageJRunner.Result c = ImageJRunner.runMacroText("run(\"Classify Tumor Slice\", \"model=[]\");\n", "", 60);
        assertEquals(CommandLineBatch.ERROR_EXIT, c.exitCode(), c.output());
        assertTrue(c.output().contains("Classify Tumor Slice: no image is open"), c.output());
    }

    @Test
    void aPluginErrorEndsImageJBatchWithExitCode1() throws Exception {
        ImageJRunner.Result r = ImageJRunner.runMacro("segment_stack.ijm", stack + "|" + tmp + "|/no/such/model", 90);
        assertEquals(CommandLineBatch.ERROR_EXIT, r.exitCode(), r.output());
        assertTrue(r.output().contains("model not found: /no/such/model"), r.output());
    }

    @Test
    void resultsTrueFillsTheStandardResultsTable() throws Exception {
        String macro = "open(getArgument());\n"
                + "run(\"Segment Tumor (UNet)\", \"model=[" + TinyModels.unet() + "] threshold=-1 results=true\");\n"
                + "print(\"nResults=\" + nResults + \" first=\" + getResult(\"tumour pixels\", 0));\n"
                + "run(\"Compute IoU\", \"prediction=stack-mask truth=stack-mask results=true\");\n"
                + "print(\"iou nResults=\" + nResults + \" summary rows=\" + Table.size(\"Tumor IoU Summary\")"
                + " + \" micro=\" + Table.getString(\"slice\", 0, \"Tumor IoU Summary\"));\n";
        ImageJRunner.Result r = ImageJRunner.runMacroText(macro, stack.toString(), 180);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("nResults=" + patient.slices().size() + " first="), r.output());
        assertTrue(
                r.output().contains("iou nResults=" + patient.slices().size() + " summary rows=2 micro=micro"),
                r.output());
    }
}
