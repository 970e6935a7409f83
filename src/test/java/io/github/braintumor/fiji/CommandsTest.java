package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.braintumor.app.StackClassification;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.command.AboutTumorModelsCommand;
import io.github.braintumor.fiji.command.ClassifyTumorSliceCommand;
import io.github.braintumor.fiji.command.ComputeIouCommand;
import io.github.braintumor.fiji.command.DatasetOverviewCommand;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.task.TaskService;

/** The SciJava commands run headless through CommandService, as a Fiji script or --headless run would. */
class CommandsTest {
    static Context context;
    static CommandService commands;

    @BeforeAll
    static void start() {
        context = new Context(CommandService.class, StatusService.class, TaskService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    static <T> T run(Class<T> command, Object... inputs) throws Exception {
        CommandModule m = commands.run(command.asSubclass(org.scijava.command.Command.class), true, inputs)
                .get();
        return command.cast(m.getDelegateObject());
    }

    /** A patient's slices as an RGB stack, as Fiji opens the LGG TIFFs. */
    static ImagePlus patientStack(PatientRecord p) {
        ImageStack stack = null;
        for (SliceRecord s : p.slices()) {
            ImagePlus one = IJ.openImage(s.image().toString());
            if (one.getBitDepth() != 24) one = new ImagePlus("", one.getStack()); // keep as given
            if (stack == null) stack = new ImageStack(one.getWidth(), one.getHeight());
            stack.addSlice(s.image().getFileName().toString(), one.getProcessor());
        }
        return new ImagePlus(p.id() + ".tif", stack);
    }

    static ImagePlus masks(String title, byte[]... planes) {
        ImageStack stack = new ImageStack(2, 2);
        for (byte[] p : planes) stack.addSlice(new ByteProcessor(2, 2, p.clone()));
        return new ImagePlus(title, stack);
    }

    @Test
    void computeIouGivesPerSliceAndSummaryRows() throws Exception {
        byte f = (byte) 255;
        ImagePlus pred = masks("pred", new byte[] {f, f, 0, 0}, new byte[] {0, 0, 0, 0});
        ImagePlus truth = masks("truth", new byte[] {f, 0, 0, 0}, new byte[] {0, 0, 0, 0});
        ComputeIouCommand c = run(ComputeIouCommand.class, "prediction", pred, "truth", truth);
        ResultsTable t = c.table();
        assertEquals(2, t.size()); // one row per slice; micro and macro in their own table
        assertEquals(0.5, t.getValue("IoU", 0), 1e-12);
        assertEquals(1.0, t.getValue("IoU", 1), 1e-12); // both empty
        ResultsTable summary = c.summary();
        assertEquals(2, summary.size());
        assertEquals("micro", summary.getStringValue("slice", 0));
        assertEquals(0.5, summary.getValue("IoU", 0), 1e-12);
        assertEquals("macro", summary.getStringValue("slice", 1));
        assertEquals(0.75, summary.getValue("IoU", 1), 1e-12);
        assertEquals(0.5, t.getValue("precision", 0), 1e-12);
        assertEquals(1.0, t.getValue("recall", 0), 1e-12);
    }

    @Test
    void computeIouRejectsMismatchedImages() {
        ImagePlus one = masks("one", new byte[4]);
        ImagePlus two = masks("two", new byte[4], new byte[4]);
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> run(ComputeIouCommand.class, "prediction", one, "truth", two));
        assertTrue(rootMessage(e).contains("has 1 slices but 'two' has 2"), rootMessage(e));
        ImagePlus big = new ImagePlus("big", new ByteProcessor(3, 2));
        ExecutionException size = assertThrows(
                ExecutionException.class, () -> run(ComputeIouCommand.class, "prediction", one, "truth", big));
        assertTrue(rootMessage(size).contains("same size"), rootMessage(size));
    }

    @Test
    void datasetOverviewMakesOneRowPerHospitalPlusAll() throws Exception {
        DatasetOverviewCommand c =
                run(DatasetOverviewCommand.class, "data", TinyModels.data().toFile());
        ResultsTable t = c.table();
        int hospitals = c.overview().perHospital().size();
        assertEquals(hospitals + 1, t.size());
        assertEquals("all", t.getStringValue("hospital", hospitals));
        assertEquals(20, (int) t.getValue("slices", hospitals));
    }

    @Test
    void aboutShowsOneSectionPerModelKind() throws Exception {
        String text = run(AboutTumorModelsCommand.class).text();
        assertTrue(text.contains("# unet model"), text);
        assertTrue(text.contains("# classifier model"), text);
        assertTrue(text.contains("# Engine") && text.contains("PyTorch") && text.contains("device"), text);
    }

    @Test
    void segmentTumorMakesMaskStackProbabilityMapOverlayAndTable() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        SegmentTumorCommand c = run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.5,
                "probability",
                true,
                "outline",
                true,
                "batchsize",
                2);
        ImagePlus mask = c.mask();
        assertEquals(patient.id() + "-mask", mask.getTitle());
        assertEquals(8, mask.getBitDepth());
        assertEquals(imp.getStackSize(), mask.getStackSize());
        for (int s = 1; s <= mask.getStackSize(); s++) {
            int[] histogram = mask.getStack().getProcessor(s).getHistogram();
            assertEquals(256 * 256, histogram[0] + histogram[255], "mask values other than 0/255 in slice " + s);
        }
        assertEquals(32, c.probabilityMap().getBitDepth());
        ResultsTable t = c.table();
        assertEquals(imp.getStackSize(), t.size());
        assertEquals(1, (int) t.getValue("slice", 0));
        double pixels = t.getValue("tumour pixels", 0);
        assertEquals(mask.getStack().getProcessor(1).getHistogram()[255], (int) pixels);
        assertNotNull(imp.getOverlay());
        assertTrue(t.getStringValue("engine", 0).startsWith("PyTorch"), t.getStringValue("engine", 0));
        ResultsTable volume = c.volumeTable();
        assertEquals(1, volume.size());
        double voxels = 0;
        for (int i = 0; i < t.size(); i++) voxels += t.getValue("tumour pixels", i);
        assertEquals(voxels, volume.getValue("voxels", 0), 0);
        assertEquals(voxels, volume.getValue("volume (pixel^3)", 0), 0, "uncalibrated: volume in voxels");
    }

    @Test
    void roiOutputGivesOneNamedPositionedRoiPerTumourSliceAndLabelOutputTheRegions() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        SegmentTumorCommand both = run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                false,
                "outline",
                false,
                "output",
                "both");
        ImagePlus mask = both.mask();
        List<Integer> tumourSlices = new java.util.ArrayList<>();
        for (int s = 1; s <= mask.getStackSize(); s++) {
            if (mask.getStack().getProcessor(s).getHistogram()[255] > 0) tumourSlices.add(s);
        }
        assertTrue(!tumourSlices.isEmpty(), "the tiny model at 0.3 should mark some pixels");
        assertEquals(tumourSlices.size(), both.rois().size());
        for (int i = 0; i < tumourSlices.size(); i++) {
            ij.gui.Roi roi = both.rois().get(i);
            assertEquals(imp.getShortTitle() + ":" + tumourSlices.get(i), roi.getName());
            assertEquals((int) tumourSlices.get(i), roi.getPosition());
            assertEquals(
                    mask.getStack().getProcessor(tumourSlices.get(i)).getHistogram()[255],
                    roi.getContainedPoints().length,
                    "ROI area of slice " + tumourSlices.get(i));
        }
        SegmentTumorCommand roiOnly = run(
                SegmentTumorCommand.class,
                "image",
                patientStack(patient),
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                false,
                "outline",
                false,
                "output",
                "roi");
        assertNull(roiOnly.mask());
        assertEquals(both.rois().size(), roiOnly.rois().size());

        SegmentTumorCommand label = run(
                SegmentTumorCommand.class,
                "image",
                patientStack(patient),
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                false,
                "outline",
                false,
                "output",
                "label");
        ImagePlus labels = label.labels();
        byte[][] masks = new byte[mask.getStackSize()][];
        for (int s = 1; s <= masks.length; s++)
            masks[s - 1] = (byte[]) mask.getStack().getProcessor(s).getPixels();
        int regions = io.github.braintumor.infer.PostProcessing.components3d(masks, mask.getWidth(), mask.getHeight())
                .count();
        int max = 0;
        for (int s = 1; s <= labels.getStackSize(); s++) {
            ij.process.ImageProcessor ip = labels.getStack().getProcessor(s);
            for (int i = 0; i < ip.getPixelCount(); i++) {
                max = Math.max(max, ip.get(i));
                assertEquals(ip.get(i) > 0, masks[s - 1][i] != 0, "label where the mask is, slice " + s);
            }
        }
        assertEquals(regions, max);
    }

    @Test
    void aScriptCanComputeIouOfTwoArrayImgs() throws Exception {
        // slice 1: prediction 4 pixels, truth 2 of them -> IoU 0.5; slice 2: both empty -> IoU 1
        byte[] p = new byte[4 * 4 * 2];
        float[] t = new float[4 * 4 * 2];
        for (int i : new int[] {0, 1, 4, 5}) p[i] = (byte) 255;
        t[0] = 1f;
        t[1] = 0.5f; // any non-zero value is tumour, whatever the type
        ComputeIouCommand c = run(
                ComputeIouCommand.class,
                "predictionimg",
                net.imglib2.img.array.ArrayImgs.unsignedBytes(p, 4, 4, 2),
                "truthimg",
                net.imglib2.img.array.ArrayImgs.floats(t, 4, 4, 2));
        assertEquals(0.5, c.table().getValue("IoU", 0), 1e-9);
        assertEquals(1.0, c.table().getValue("IoU", 1), 1e-9);
        assertEquals("micro", c.summary().getStringValue("slice", 0));
        assertEquals(0.5, c.summary().getValue("IoU", 0), 1e-9);
        Exception half = assertThrows(
                Exception.class,
                () -> run(
                        ComputeIouCommand.class,
                        "predictionimg",
                        net.imglib2.img.array.ArrayImgs.unsignedBytes(p, 4, 4, 2)));
        assertTrue(String.valueOf(rootMessage(half)).contains("give both"), String.valueOf(rootMessage(half)));
        Exception shape = assertThrows(
                Exception.class,
                () -> run(
                        ComputeIouCommand.class,
                        "predictionimg",
                        net.imglib2.img.array.ArrayImgs.unsignedBytes(p, 4, 4, 2),
                        "truthimg",
                        net.imglib2.img.array.ArrayImgs.floats(new float[4 * 4 * 3], 4, 4, 3)));
        assertTrue(
                String.valueOf(rootMessage(shape)).contains("prediction has 2 slices but ground truth has 3"),
                String.valueOf(rootMessage(shape)));
    }

    /** The slices as a script would hold them: one plain (X, Y, C, Z) ArrayImg, not a view of an ImagePlus. */
    private static net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> plainImg(
            List<io.github.braintumor.data.SliceImage> slices) {
        int plane = 256 * 256;
        byte[] xycz = new byte[plane * 3 * slices.size()];
        for (int z = 0; z < slices.size(); z++) {
            System.arraycopy(slices.get(z).pixels(), 0, xycz, z * 3 * plane, 3 * plane);
        }
        return net.imglib2.img.array.ArrayImgs.unsignedBytes(xycz, 256, 256, 3, slices.size());
    }

    @Test
    void aScriptCanClassifyAPlainArrayImgAsTheImagePlusIs() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        List<io.github.braintumor.data.SliceImage> slices = Images.slices(imp);
        var img = plainImg(slices);
        ClassifyTumorSliceCommand byImg = run(
                ClassifyTumorSliceCommand.class,
                "input",
                img,
                "method",
                "cnn",
                "model",
                TinyModels.classifier().toString());
        ClassifyTumorSliceCommand byImp = run(
                ClassifyTumorSliceCommand.class,
                "image",
                imp,
                "method",
                "cnn",
                "model",
                TinyModels.classifier().toString(),
                "overlay",
                false);
        assertEquals(slices.size(), byImg.table().size());
        for (int z = 0; z < slices.size(); z++) {
            assertEquals(
                    byImp.table().getValue("probability", z),
                    byImg.table().getValue("probability", z),
                    1e-6,
                    "slice " + (z + 1));
            assertEquals(byImp.table().getStringValue("label", z), byImg.table().getStringValue("label", z));
        }
        Exception none = assertThrows(Exception.class, () -> run(ClassifyTumorSliceCommand.class, "method", "cnn"));
        assertTrue(rootMessage(none).contains("no image"), rootMessage(none));
    }

    @Test
    void aScriptCanSegmentAPlainArrayImgAndGetsTheMaskBackAsAnImg() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        List<io.github.braintumor.data.SliceImage> slices = Images.slices(imp);
        net.imglib2.img.Img<net.imglib2.type.numeric.integer.UnsignedByteType> img = plainImg(slices);
        SegmentTumorCommand byImg = run(
                SegmentTumorCommand.class,
                "input",
                img,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "postprocessing",
                "none");
        SegmentTumorCommand byImp = run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                false,
                "outline",
                false,
                "postprocessing",
                "none",
                "output",
                "mask");
        var mask = byImg.maskImg();
        assertEquals(3, mask.numDimensions());
        assertEquals(slices.size(), mask.dimension(2));
        assertNull(byImg.mask());
        for (int z = 0; z < slices.size(); z++) {
            long fromImg = 0;
            for (var t : net.imglib2.view.Views.flatIterable(net.imglib2.view.Views.hyperSlice(mask, 2, z))) {
                if (t.get() == 255) fromImg++;
            }
            assertEquals(byImp.mask().getStack().getProcessor(z + 1).getHistogram()[255], fromImg, "slice " + (z + 1));
            assertEquals(fromImg, (long) byImg.table().getValue("tumour pixels", z));
        }
    }

    @Test
    void tumourVolumeIsInCalibratedUnitsWhenTheImageHasACalibration() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        ij.measure.Calibration cal = new ij.measure.Calibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 0.5;
        cal.pixelDepth = 3;
        cal.setUnit("mm");
        imp.setCalibration(cal);
        SegmentTumorCommand c = run(
                SegmentTumorCommand.class,
                "image",
                imp,
                "model",
                TinyModels.unet().toString(),
                "threshold",
                0.3,
                "probability",
                false,
                "outline",
                false);
        ResultsTable volume = c.volumeTable();
        assertEquals(volume.getValue("voxels", 0) * 0.75, volume.getValue("volume (mm^3)", 0), 1e-9);
        assertTrue(volume.getColumnIndex("mean FLAIR") >= 0);
    }

    @Test
    void segmentWithoutProbabilityLeavesItOut() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(1);
        SegmentTumorCommand c = run(
                SegmentTumorCommand.class,
                "image",
                patientStack(patient),
                "model",
                TinyModels.unet().toString(),
                "threshold",
                -1.0,
                "probability",
                false,
                "outline",
                false);
        assertNull(c.probabilityMap());
        assertEquals(patient.slices().size(), c.mask().getStackSize());
    }

    @Test
    void segmentWithBadModelFolderFailsWithClearMessage() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> run(SegmentTumorCommand.class, "image", patientStack(patient), "model", "/no/such/model"));
        assertTrue(rootMessage(e).contains("model not found: /no/such/model"), rootMessage(e));
    }

    @Test
    void classifyGivesOneRowPerSlice() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        ImagePlus imp = patientStack(patient);
        ResultsTable t = run(
                        ClassifyTumorSliceCommand.class,
                        "image",
                        imp,
                        "model",
                        TinyModels.classifier().toString(),
                        "threshold",
                        0.5,
                        "overlay",
                        true)
                .table();
        assertEquals(patient.slices().size(), t.size());
        for (int i = 0; i < t.size(); i++) {
            double p = t.getValue("probability", i);
            assertTrue(p >= 0 && p <= 1, "probability " + p);
            assertEquals(
                    p >= 0.5 ? StackClassification.TUMOUR : StackClassification.NO_TUMOUR,
                    t.getStringValue("label", i));
        }
        assertEquals(patient.slices().size(), imp.getOverlay().size());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    @Test
    void importTorchScriptCommandWritesAClassifierBundle(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String why = io.github.braintumor.model.TracedModules.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
        java.nio.file.Path pt = io.github.braintumor.model.TracedModules.trace(
                dir.resolve("slice.pt"), io.github.braintumor.model.TracedModules.SLICE_LOGITS, 128);
        io.github.braintumor.fiji.command.ImportTorchScriptCommand c = run(
                io.github.braintumor.fiji.command.ImportTorchScriptCommand.class,
                "torchscript",
                pt.toFile(),
                "bundle",
                dir.resolve("cnn").toFile(),
                "kind",
                "classifier",
                "scores",
                "logits",
                "inputsize",
                128,
                "normalization",
                "divide255",
                "threshold",
                0.5);
        assertEquals("classifier", c.info().kind());
        assertEquals(
                128,
                io.github.braintumor.model.ModelBundle.readInfo(dir.resolve("cnn"))
                        .modelInputSize());
    }

    @Test
    void exportBioImageIoCommandWritesTheDescriptionOfABundle(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        io.github.braintumor.fiji.command.BioImageIoCommands.Export c = run(
                io.github.braintumor.fiji.command.BioImageIoCommands.Export.class,
                "bundle",
                TinyModels.unet().toFile(),
                "output",
                dir.resolve("out").toFile(),
                "license",
                "MIT");
        assertTrue(c.exported().contains("TorchScript weights written from its DJL weights"), c.exported());
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("out/rdf.yaml")));
        // and imports back through the twin command, its test output reproduced
        io.github.braintumor.fiji.command.BioImageIoCommands.Import back = run(
                io.github.braintumor.fiji.command.BioImageIoCommands.Import.class,
                "source",
                dir.resolve("out").toFile(),
                "bundle",
                dir.resolve("back").toFile());
        assertTrue(
                back.result().summary().contains("test output reproduced"),
                back.result().summary());
    }

    @Test
    void tablesAreDeclaredOutputsAScriptGetsByName() throws Exception {
        byte f = (byte) 255;
        CommandModule iou = commands.run(
                        ComputeIouCommand.class,
                        true,
                        "prediction",
                        masks("p", new byte[] {f, f, 0, 0}),
                        "truth",
                        masks("t", new byte[] {f, 0, 0, 0}))
                .get();
        assertEquals(0.5, ((ResultsTable) iou.getOutput("table")).getValue("IoU", 0), 1e-12);
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        CommandModule seg = commands.run(
                        SegmentTumorCommand.class,
                        true,
                        "image",
                        patientStack(patient),
                        "model",
                        TinyModels.unet().toFile())
                .get();
        assertEquals(patient.slices().size(), ((ResultsTable) seg.getOutput("table")).size());
        assertEquals(1, ((ResultsTable) seg.getOutput("volume")).size());
        for (String name : List.of("table", "volume", "mask")) {
            assertTrue(seg.getInfo().getOutput(name) != null, name + " is not a declared output");
        }
    }

    /** A patient as a calibrated 16-bit hyperstack (C = 3, Z slices), each channel {@code v * gain[c] + offset[c]}. */
    static ImagePlus sixteenBit(PatientRecord p, int[] gain, int[] offset) throws Exception {
        ImageStack stack = null;
        for (SliceRecord r : p.slices()) {
            io.github.braintumor.data.SliceImage s = io.github.braintumor.data.LggTiff.readImage(r.image());
            int plane = s.width() * s.height();
            if (stack == null) stack = new ImageStack(s.width(), s.height());
            for (int c = 0; c < 3; c++) {
                short[] px = new short[plane];
                for (int i = 0; i < plane; i++)
                    px[i] = (short) ((s.pixels()[c * plane + i] & 0xFF) * gain[c] + offset[c]);
                stack.addSlice(new ij.process.ShortProcessor(s.width(), s.height(), px, null));
            }
        }
        ImagePlus imp = new ImagePlus(p.id() + "-16bit", stack);
        imp.setDimensions(3, p.slices().size(), 1);
        imp.setOpenAsHyperStack(true);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().pixelDepth = 2;
        imp.getCalibration().setUnit("mm");
        return imp;
    }

    @Test
    void aSixteenBitScanWithAnotherGainAndOffsetGetsTheSameMasksAndACalibratedVolume() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        List<SegmentTumorCommand> runs = new java.util.ArrayList<>();
        for (ImagePlus imp : List.of(
                sixteenBit(patient, new int[] {1, 1, 1}, new int[] {0, 0, 0}),
                sixteenBit(patient, new int[] {11, 13, 16}, new int[] {500, 40, 1200}))) {
            runs.add(run(
                    SegmentTumorCommand.class,
                    "image",
                    imp,
                    "model",
                    TinyModels.unet().toString(),
                    "threshold",
                    0.3,
                    "outline",
                    false));
        }
        ImagePlus a = runs.get(0).mask(), b = runs.get(1).mask();
        assertEquals(patient.slices().size(), a.getStackSize());
        long tumour = 0;
        for (int z = 1; z <= a.getStackSize(); z++) {
            byte[] pa = (byte[]) a.getStack().getPixels(z);
            assertArrayEquals(pa, (byte[]) b.getStack().getPixels(z), "slice " + z);
            for (byte v : pa) if (v != 0) tumour++;
        }
        assertTrue(tumour > 0, "the phantom's tumour is found");
        ij.measure.ResultsTable volume = runs.get(1).volumeTable();
        assertEquals(tumour * 0.5 * 0.5 * 2, volume.getValue("volume (mm^3)", 0), 1e-6);
    }
}
