package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.command.EvaluateModelsCommand;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/** The macros in macros/ run by real ImageJ 1.54p (separate JVM, Xvfb) against the plugin jar. */
class MacroTest {
    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void phantoms() throws Exception {
        String why = ImageJRunner.unavailableReason();
        if (why != null) System.out.println("MacroTest skipped: " + why);
        Assumptions.assumeTrue(why == null, why);
        data = tmp.resolve("phantom");
        PhantomGenerator.builder()
                .optSeed(3)
                .optPatients(2)
                .optSlicesPerPatient(4)
                .build()
                .write(data);
    }

    @Test
    void optionsAreSavedForTheNextImageJAndAnUnusableGpuIsRefused() throws Exception {
        Path file = ImageJRunner.imagejDir().resolve("options.properties");
        Files.deleteIfExists(file);
        ImageJRunner.Result set = ImageJRunner.runMacro("engine_options.ijm", "threads=1 device=cpu batchsize=2", 120);
        assertTrue(set.output().contains("Brain Tumor Options: threads 1, device cpu, batch size 2"), set.output());
        // a new ImageJ: only the batch size given, threads and device as saved by the first
        ImageJRunner.Result later = ImageJRunner.runMacro("engine_options.ijm", "batchsize=3", 120);
        assertTrue(later.output().contains("Brain Tumor Options: threads 1, device cpu, batch size 3"), later.output());
        assertTrue(later.output().contains("cpu(), 1 thread(s)"), later.output());
        ImageJRunner.Result gpu = ImageJRunner.runMacro("engine_options.ijm", "device=gpu", 120);
        if (io.github.braintumor.engine.DjlEngine.start().getGpuCount() == 0) { // PyTorch cannot use a GPU here
            assertTrue(gpu.output().contains("PyTorch cannot use a GPU here"), gpu.output());
            assertEquals(PluginOptions.load(file).device(), io.github.braintumor.engine.DeviceChoice.CPU);
        }
    }

    @Test
    void theFirstMacroRunInAFreshInstallationNeedsNoSetUp() throws Exception {
        // a user who never ran the plugin: no extracted libtorch, no model cache, no options; offline
        Path home = Files.createDirectories(tmp.resolve("fresh-home"));
        io.github.braintumor.data.PatientRecord patient =
                LggDataset.index(TinyModels.data()).patients().get(0);
        Path input = tmp.resolve("fresh.tif");
        new ij.io.FileSaver(CommandsTest.patientStack(patient)).saveAsTiffStack(input.toString());
        Path out = Files.createDirectories(tmp.resolve("fresh-out"));
        ImageJRunner.Result r = ImageJRunner.runMacro(
                "segment_stack.ijm", input + "|" + out, 300, List.of("-Duser.home=" + home, "-Dai.djl.offline=true"));
        assertTrue(Files.isRegularFile(out.resolve("fresh-mask.tif")), "no mask; ImageJ said:\n" + r.output());
        try (var extracted = Files.walk(home)) { // the natives came out of the jar on first use, into the new home
            assertTrue(
                    extracted.anyMatch(p -> p.getFileName().toString().startsWith("libtorch")),
                    "libtorch not" + " extracted under " + home + ":\n" + r.output());
        }
        assertTrue(Files.isDirectory(home.resolve(".braintumor/models")), "embedded model not unpacked in " + home);
    }

    @Test
    void segmentStackWritesMaskStackAndTable() throws Exception {
        io.github.braintumor.data.PatientRecord patient =
                LggDataset.index(TinyModels.data()).patients().get(0);
        Path input = tmp.resolve("stack.tif");
        new ij.io.FileSaver(CommandsTest.patientStack(patient)).saveAsTiffStack(input.toString());
        Path out = Files.createDirectories(tmp.resolve("segment-out"));
        ImageJRunner.Result r =
                ImageJRunner.runMacro("segment_stack.ijm", input + "|" + out + "|" + TinyModels.unet(), 180);
        Path mask = out.resolve("stack-mask.tif");
        assertTrue(Files.isRegularFile(mask), "no mask; ImageJ said:\n" + r.output());
        ij.ImagePlus imp = ij.IJ.openImage(mask.toString());
        assertEquals(patient.slices().size(), imp.getStackSize());
        assertEquals(8, imp.getBitDepth());
        assertEquals(
                patient.slices().size(),
                CsvTable.read(out.resolve("stack-segmentation.csv")).rowCount());
        assertTrue(r.output().contains("probability map made"), "probability=true must read as true:\n" + r.output());
        assertTrue(
                r.output().contains("segment_stack: " + patient.slices().size() + " slices in the table"), r.output());
    }

    @Test
    void segmentIntoTheRoiManagerNamesOneRoiPerTumourSliceAndWritesTheVolumeTable() throws Exception {
        io.github.braintumor.data.PatientRecord patient =
                LggDataset.index(TinyModels.data()).patients().get(0);
        ij.ImagePlus stack = CommandsTest.patientStack(patient);
        Path input = tmp.resolve("rois.tif");
        new ij.io.FileSaver(stack).saveAsTiffStack(input.toString());
        Path out = Files.createDirectories(tmp.resolve("rois-out"));
        ImageJRunner.Result r =
                ImageJRunner.runMacro("segment_to_rois.ijm", input + "|" + out + "|" + TinyModels.unet() + "|0.3", 180);
        Path names = out.resolve("rois-rois.txt");
        assertTrue(Files.isRegularFile(names), "no ROI list; ImageJ said:\n" + r.output());
        // the same segmentation in this JVM says which slices have tumour
        SegmentTumor.Output expected = SegmentTumor.run(
                new SegmentTumor.Request(
                        ij.IJ.openImage(input.toString()),
                        TinyModels.unet().toString(),
                        0.3,
                        false,
                        false,
                        4,
                        "model",
                        "both"),
                io.github.braintumor.progress.ProgressListener.silent(),
                () -> false);
        List<String> want = expected.rois().stream().map(ij.gui.Roi::getName).toList();
        assertTrue(!want.isEmpty());
        assertEquals(
                want,
                Files.readAllLines(names).stream().filter(l -> !l.isBlank()).toList(),
                r.output());
        CsvTable volume = CsvTable.read(out.resolve("rois-volume.csv"));
        assertEquals(1, volume.rowCount());
    }

    @Test
    void imageJ1ResamplesUnlessTheMacroSaysResampleFalseThenRefusesInOneLine() throws Exception {
        Path input = tmp.resolve("big.tif");
        new ij.io.FileSaver(ResamplingCommandsTest.rgb("big", 512)).saveAsTiffStack(input.toString());
        Path out = Files.createDirectories(tmp.resolve("big-out"));
        // a macro written before the check box existed does not mention it: resampled, as before
        ImageJRunner.Result r =
                ImageJRunner.runMacro("segment_stack.ijm", input + "|" + out + "|" + TinyModels.unet(), 180);
        Path mask = out.resolve("big-mask.tif");
        assertTrue(Files.isRegularFile(mask), "no mask; ImageJ said:\n" + r.output());
        assertEquals(512, ij.IJ.openImage(mask.toString()).getWidth());
        assertEquals(
                "512x512 -> 256x256",
                CsvTable.read(out.resolve("big-segmentation.csv")).get(0, "resampled"));
        Files.delete(mask);
        ImageJRunner.Result off = ImageJRunner.runMacro(
                "segment_stack.ijm", input + "|" + out + "|" + TinyModels.unet() + "|resample=false", 180);
        assertTrue(
                off.output()
                        .contains("Segment Tumor (UNet): 2 slice(s) are 512x512 but the model's input is"
                                + " 256x256 and resampling is off"),
                off.output());
        assertTrue(!Files.exists(mask), "a mask was written despite resample=false");
    }

    @Test
    void badModelPathEndsTheMacroWithAClearMessage() throws Exception {
        io.github.braintumor.data.PatientRecord patient =
                LggDataset.index(TinyModels.data()).patients().get(0);
        Path input = tmp.resolve("bad-model.tif");
        new ij.io.FileSaver(CommandsTest.patientStack(patient)).saveAsTiffStack(input.toString());
        Path out = Files.createDirectories(tmp.resolve("bad-model-out"));
        ImageJRunner.Result r = ImageJRunner.runMacro("segment_stack.ijm", input + "|" + out + "|/no/such/model", 120);
        assertTrue(r.output().contains("model not found: /no/such/model"), r.output());
        assertTrue(!Files.exists(out.resolve("bad-model-mask.tif")), "a mask was written despite the error");
    }

    @Test
    void batchSegmentFolderWritesPredictionsInSegmentLayoutAndOneCsv() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("batch-out"));
        LggDataset d = LggDataset.index(data);
        ImageJRunner.Result r =
                ImageJRunner.runMacro("batch_segment_folder.ijm", data + "|" + out + "|" + TinyModels.unet(), 240);
        Path csv = out.resolve("segmentation.csv");
        assertTrue(Files.isRegularFile(csv), "no CSV; ImageJ said:\n" + r.output());
        assertEquals(d.slices().size(), CsvTable.read(csv).rowCount());
        for (SliceRecord s : d.slices()) {
            Path pred = out.resolve(s.patientId())
                    .resolve(s.image().getFileName().toString().replace(".tif", "_pred.tif"));
            assertTrue(Files.isRegularFile(pred), "missing " + pred + "; ImageJ said:\n" + r.output());
            assertEquals(256, io.github.braintumor.data.LggTiff.readMask(pred).width());
        }
    }

    @Test
    void batchSegmentFolderTakesAPatientFolderAMissingOutputFolderAndAnEmptyModelField() throws Exception {
        LggDataset d = LggDataset.index(data);
        String patient = d.patients().get(0).id();
        Path out = tmp.resolve("batch-new"); // does not exist yet
        Path folder = d.patients().get(0).slices().get(0).image().getParent();
        ImageJRunner.Result r = ImageJRunner.runMacro(
                "batch_segment_folder.ijm", folder + "|" + out + "|" + TinyModels.unet() + "|", 240);
        Path csv = out.resolve("segmentation.csv");
        assertTrue(Files.isRegularFile(csv), "no CSV; ImageJ said:\n" + r.output());
        assertEquals(d.patients().get(0).slices().size(), CsvTable.read(csv).rowCount());
        assertTrue(Files.isDirectory(out.resolve(patient)), r.output());
        assertTrue(r.output().contains(d.patients().get(0).slices().size() + " slices segmented"), r.output());
    }

    @Test
    void classifyStackWritesOneRowPerSlice() throws Exception {
        io.github.braintumor.data.PatientRecord patient =
                LggDataset.index(TinyModels.data()).patients().get(1);
        Path input = tmp.resolve("classify.tif");
        new ij.io.FileSaver(CommandsTest.patientStack(patient)).saveAsTiffStack(input.toString());
        Path csv = tmp.resolve("classes.csv");
        ImageJRunner.Result r =
                ImageJRunner.runMacro("classify_stack.ijm", input + "|" + csv + "|" + TinyModels.classifier(), 180);
        assertTrue(Files.isRegularFile(csv), "no CSV; ImageJ said:\n" + r.output());
        CsvTable t = CsvTable.read(csv);
        assertEquals(patient.slices().size(), t.rowCount());
        for (String label : t.column("label")) assertTrue(label.equals("tumour") || label.equals("no tumour"), label);
        assertTrue(
                r.output().contains("overlay of " + patient.slices().size() + " labels"),
                "bare overlay:\n" + r.output());
    }

    @Test
    void trainUnetWritesBundle() throws Exception {
        Path bundle = tmp.resolve("macro-unet");
        ImageJRunner.Result r = ImageJRunner.runMacro("train_unet.ijm", TinyModels.data() + "|" + bundle, 300);
        assertTrue(Files.isRegularFile(bundle.resolve("model.json")), "no bundle; ImageJ said:\n" + r.output());
        assertTrue(r.output().contains("best epoch 1"), r.output());
    }

    @Test
    void computeIouFolderScoresPerfectPredictionsAsOne() throws Exception {
        LggDataset d = LggDataset.index(data);
        Path predictions = tmp.resolve("perfect");
        for (SliceRecord s : d.slices()) {
            Path pred = predictions
                    .resolve(s.patientId())
                    .resolve(s.image().getFileName().toString().replace(".tif", "_pred.tif"));
            Files.createDirectories(pred.getParent());
            Files.copy(s.mask(), pred);
        }
        Path csv = tmp.resolve("iou.csv");
        ImageJRunner.Result r =
                ImageJRunner.runMacro("compute_iou_folder.ijm", predictions + "|" + data + "|" + csv, 120);
        assertTrue(Files.isRegularFile(csv), "no CSV; ImageJ said:\n" + r.output());
        CsvTable t = CsvTable.read(csv);
        assertEquals(d.slices().size(), t.rowCount());
        for (double iou : t.doubleColumn("IoU")) assertEquals(1.0, iou, 1e-9);
    }

    @Test
    void evaluateModelsTwinTakesTheSciJavaMacroKeysAndScoresPerfectPredictions() throws Exception {
        // The macro's keys are exactly the SciJava command's inputs, so one line drives both twins.
        String macro = Files.readString(Paths.get("macros", "evaluate_models.ijm"));
        Set<String> macroKeys = new TreeSet<>();
        Matcher m = Pattern.compile("(\\w+)=").matcher(macro.substring(macro.indexOf("run(\"Evaluate Tumor Models\"")));
        while (m.find()) macroKeys.add(m.group(1));
        Set<String> inputs = new TreeSet<>();
        try (Context context = new Context(CommandService.class)) {
            for (ModuleItem<?> item : context.service(CommandService.class)
                    .getCommand(EvaluateModelsCommand.class)
                    .inputs()) {
                Class<?> type = item.getType(); // services and the context are filled in, not user inputs
                if (!Service.class.isAssignableFrom(type) && type != Context.class) inputs.add(item.getName());
            }
        }
        assertEquals(inputs, macroKeys);

        LggDataset d = LggDataset.index(data);
        Path predictions = tmp.resolve("eval-pred");
        for (SliceRecord s : d.slices()) {
            Path pred = PredictionLayout.path(predictions, s);
            Files.createDirectories(pred.getParent());
            Files.copy(s.mask(), pred);
        }
        Path out = tmp.resolve("eval-out");
        ImageJRunner.Result r = ImageJRunner.runMacro("evaluate_models.ijm", data + "|" + out + "|" + predictions, 180);
        Path summary = out.resolve(io.github.braintumor.eval.EvaluationReport.SUMMARY);
        assertTrue(Files.isRegularFile(summary), "no summary.json; ImageJ said:\n" + r.output());
        assertTrue(r.output().contains("Evaluate Tumor Models: wrote "), r.output());
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject();
        assertEquals(1.0, json.get("dice_per_patient_mean").getAsDouble(), 1e-12);
        assertTrue(
                json.getAsJsonObject("options").get("lcc").getAsBoolean(),
                "lcc=true not passed: " + json.get("options"));
        assertEquals(false, json.getAsJsonObject("options").get("tta").getAsBoolean());
    }
}
