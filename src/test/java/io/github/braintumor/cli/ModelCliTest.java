package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.data.SplitPart;
import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line with tiny trained models: segment -> iou round trip, classify, training, search. */
class ModelCliTest {
    @TempDir
    Path tmp;

    @Test
    void segmentDataFolderThenIouPairsWithGroundTruth() throws Exception {
        Path data = TinyModels.data();
        Path out = tmp.resolve("pred");
        CliRun seg = CliRun.of(
                "segment",
                data.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString(),
                "--batch",
                "2");
        assertEquals(Main.OK, seg.code(), seg.err());
        LggDataset d = LggDataset.index(data);
        for (SliceRecord s : d.slices()) {
            Path mask = PredictionLayout.path(out, s.patientId(), Inputs.stem(s.image()));
            assertTrue(Files.isRegularFile(mask), "missing " + mask);
        }
        CsvTable slices = CsvTable.read(out.resolve(SegmentSubcommand.CSV));
        assertEquals(d.slices().size(), slices.rowCount());
        assertTrue(seg.err().contains("segmenting"), seg.err());
        CsvTable volumes = CsvTable.read(out.resolve(SegmentSubcommand.VOLUMES_CSV));
        assertEquals(d.patients().size(), volumes.rowCount());
        for (int p = 0; p < volumes.rowCount(); p++) {
            String patient = volumes.get(p, "patient");
            long voxels = 0;
            for (int i = 0; i < slices.rowCount(); i++) {
                if (slices.get(i, "patient").equals(patient)) voxels += Long.parseLong(slices.get(i, "tumour_pixels"));
            }
            assertEquals(voxels, Long.parseLong(volumes.get(p, "tumour_voxels")), "volume of " + patient);
            assertEquals("complete", volumes.get(p, "modalities"));
        }

        // evaluate reads exactly what segment wrote (one layout: data.PredictionLayout)
        Path evalOut = tmp.resolve("eval-of-segment");
        CliRun eval =
                CliRun.of("evaluate", data.toString(), "--out", evalOut.toString(), "--predictions", out.toString());
        assertEquals(Main.OK, eval.code(), eval.err());
        CsvTable perSlice = CsvTable.read(evalOut.resolve("per_slice.csv"));
        assertEquals(d.slices().size(), perSlice.rowCount());
        long predicted = 0;
        for (int i = 0; i < slices.rowCount(); i++) predicted += Long.parseLong(slices.get(i, "tumour_pixels"));
        long read = 0;
        for (double v : perSlice.doubleColumn("predicted_pixels")) read += (long) v;
        assertEquals(predicted, read, "evaluate counts the pixels segment reported");

        Path csv = tmp.resolve("iou.csv");
        CliRun iou = CliRun.of("iou", out.toString(), data.toString(), "--csv", csv.toString());
        assertEquals(Main.OK, iou.code(), iou.err());
        CsvTable t = CsvTable.read(csv);
        assertEquals(d.slices().size() + 2, t.rowCount());
        for (double v : t.doubleColumn("iou")) assertTrue(v >= 0 && v <= 1, "IoU " + v);
    }

    @Test
    void segmentSingleTiffWritesOneMaskFile() throws Exception {
        SliceRecord s = LggDataset.index(TinyModels.data()).slices().get(0);
        Path out = tmp.resolve("one");
        CliRun r = CliRun.of(
                "segment",
                s.image().toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.OK, r.code(), r.err());
        Path mask = out.resolve(Inputs.stem(s.image()) + "_pred.tif");
        assertEquals(256, LggTiff.readMask(mask).width());
    }

    @Test
    void segmentOfAStackFileWritesAMaskStackImageJOpensPageByPage() throws Exception {
        io.github.braintumor.data.PatientRecord p =
                LggDataset.index(TinyModels.data()).patients().get(0);
        Path stack = tmp.resolve("stack.tif");
        ij.ImageStack slices = new ij.ImageStack(256, 256);
        for (SliceRecord sr : p.slices())
            slices.addSlice(ij.IJ.openImage(sr.image().toString()).getProcessor());
        new ij.io.FileSaver(new ij.ImagePlus("stack", slices)).saveAsTiffStack(stack.toString());
        Path out = tmp.resolve("stack-out");
        CliRun r = CliRun.of(
                "segment",
                stack.toString(),
                "--out",
                out.toString(),
                "--model",
                TinyModels.unet().toString(),
                "--threshold",
                "0.3");
        assertEquals(Main.OK, r.code(), r.err());
        ij.ImagePlus masks = ij.IJ.openImage(out.resolve("stack_pred.tif").toString());
        assertEquals(p.slices().size(), masks.getStackSize());
        assertEquals(8, masks.getBitDepth());
        CsvTable rows = CsvTable.read(out.resolve(SegmentSubcommand.CSV));
        for (int z = 1; z <= masks.getStackSize(); z++) {
            int[] h = masks.getStack().getProcessor(z).getHistogram();
            assertEquals(256 * 256, h[0] + h[255], "0/255 only, page " + z);
            assertEquals(Long.parseLong(rows.get(z - 1, "tumour_pixels")), h[255], "page " + z);
        }
    }

    @Test
    void aSmallCropIsResampledNotRefused() throws Exception {
        // refused before 2026-12-03; now every size goes to the model's input and back (issue 11)
        Path odd = tmp.resolve("odd.tif");
        LggTiff.writeImage(odd, new SliceImage(50, 50, 3, new byte[3 * 50 * 50]));
        CliRun r = CliRun.of(
                "segment",
                odd.toString(),
                "--out",
                tmp.resolve("o").toString(),
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("resampled 1 slice(s) of 50x50"), r.err());
        CliRun c = CliRun.of(
                "classify", odd.toString(), "--model", TinyModels.classifier().toString());
        assertEquals(Main.OK, c.code(), c.err());
    }

    @Test
    void wrongKindOfModelIsBadInput() throws Exception {
        CliRun r = CliRun.of(
                "classify",
                TinyModels.data().toString(),
                "--method",
                "cnn",
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.reason().contains("unet"), r.err());
        CliRun method = CliRun.of("classify", TinyModels.data().toString(), "--method", "svm");
        assertEquals(Main.BAD_INPUT, method.code(), method.err());
        assertTrue(method.reason().contains("auto, cnn, unet"), method.err());
    }

    @Test
    void classifyWithTheUnetAsDetectorFollowsTheModelFolderAndAgreesWithSegment() throws Exception {
        Path csv = tmp.resolve("by-unet.csv");
        CliRun r = CliRun.of(
                "classify",
                TinyModels.data().toString(),
                "--csv",
                csv.toString(),
                "--model",
                TinyModels.unet().toString()); // method auto: the folder holds a UNet
        assertEquals(Main.OK, r.code(), r.err());
        CsvTable t = CsvTable.read(csv);
        assertEquals(20, t.rowCount());
        Path seg = tmp.resolve("seg-for-classify");
        CliRun s = CliRun.of(
                "segment",
                TinyModels.data().toString(),
                "--out",
                seg.toString(),
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.OK, s.code(), s.err());
        CsvTable masks = CsvTable.read(seg.resolve(SegmentSubcommand.CSV));
        for (int i = 0; i < t.rowCount(); i++) {
            boolean tumourPixels = Long.parseLong(masks.get(i, "tumour_pixels")) > 0;
            assertEquals(tumourPixels ? "tumour" : "no tumour", t.get(i, "label"), "slice row " + i);
            assertEquals("complete", t.get(i, "modalities"));
        }
    }

    @Test
    void classifyPrintsAndWritesOneRowPerSlice() throws Exception {
        Path csv = tmp.resolve("classes.csv");
        CliRun r = CliRun.of(
                "classify",
                TinyModels.data().toString(),
                "--csv",
                csv.toString(),
                "--model",
                TinyModels.classifier().toString(),
                "--threshold",
                "0.5");
        assertEquals(Main.OK, r.code(), r.err());
        CsvTable t = CsvTable.read(csv);
        assertEquals(20, t.rowCount());
        assertTrue(r.out().contains("\ttumour\t") || r.out().contains("\tno tumour\t"), r.out());
    }

    @Test
    void trainUnetWritesBundle() throws Exception {
        Path bundle = tmp.resolve("unet");
        CliRun r = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                bundle.toString(),
                "--features",
                "4",
                "--crop",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4",
                "--seed",
                "3");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(Files.isRegularFile(bundle.resolve("model.json")));
        assertTrue(r.out().contains("best epoch 1"), r.out());
        assertTrue(r.err().contains("%"), "no progress bar: " + r.err());
    }

    @Test
    void trainUnetWithSplitFileKeepsTheTestPartOutAndReusesTheFile() throws Exception {
        Path split = tmp.resolve("split.csv");
        Path bundle = tmp.resolve("unet-split");
        CliRun r = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                bundle.toString(),
                "--features",
                "4",
                "--crop",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4",
                "--split",
                split.toString(),
                "--minutes",
                "30",
                "--no-augment");
        assertEquals(Main.OK, r.code(), r.err());
        PatientSplit written = PatientSplit.read(split);
        assertEquals(
                written.patients().size(),
                LggDataset.index(TinyModels.data()).patients().size());
        assertTrue(!written.patients(SplitPart.TEST).isEmpty(), "a split file made by training keeps a test part");
        String json = Files.readString(bundle.resolve("model.json"));
        for (String testPatient : written.patients(SplitPart.TEST)) {
            assertTrue(!json.contains(testPatient), "test patient " + testPatient + " used in training: " + json);
        }
        String before = Files.readString(split);
        CliRun again = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("u2").toString(),
                "--features",
                "4",
                "--crop",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4",
                "--split",
                split.toString(),
                "--seed",
                "99");
        assertEquals(Main.OK, again.code(), again.err());
        assertEquals(before, Files.readString(split), "an existing split file is read, never rewritten");
    }

    @Test
    void trainClassifierRetrainsTheHyperparametersOfAnotherBundle() throws Exception {
        Path source = TinyModels.classifier();
        ClassifierHyperparameters wanted = Architectures.classifierHyperparameters(ModelBundle.readInfo(source));
        Path bundle = tmp.resolve("retrained");
        CliRun r = CliRun.of(
                "train-classifier",
                TinyModels.data().toString(),
                "--out",
                bundle.toString(),
                "--hyperparameters",
                source.toString(),
                "--input-size",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4");
        assertEquals(Main.OK, r.code(), r.err());
        ClassifierHyperparameters got = Architectures.classifierHyperparameters(ModelBundle.readInfo(bundle));
        assertEquals(wanted.withInputSize(64).toMap(), got.toMap());

        CliRun wrongKind = CliRun.of(
                "train-classifier",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("z").toString(),
                "--hyperparameters",
                TinyModels.unet().toString());
        assertEquals(Main.BAD_INPUT, wrongKind.code(), wrongKind.err());
        assertTrue(wrongKind.reason().contains("classifier bundle"), wrongKind.err());
    }

    @Test
    void trainUnetCanStartFromTheWeightsOfABundle() throws Exception {
        Path bundle = tmp.resolve("fine-tuned");
        CliRun r = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                bundle.toString(),
                "--features",
                "4",
                "--crop",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4",
                "--init",
                TinyModels.unet().toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("Starting from the weights of"), r.err());
        assertTrue(Files.isRegularFile(bundle.resolve("model.json")));

        CliRun other = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("f8").toString(),
                "--features",
                "8",
                "--crop",
                "64",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4",
                "--init",
                TinyModels.unet().toString());
        assertTrue(other.code() != Main.OK, other.err());
        assertTrue(other.err().contains("Cannot start from"), other.err());
    }

    @Test
    void badTrainingOptionsAreBadUsage() throws Exception {
        CliRun resume = CliRun.of(
                "train-unet",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("x").toString(),
                "--resume",
                tmp.resolve("no-such-checkpoint").toString());
        assertEquals(Main.BAD_INPUT, resume.code(), resume.err());
        assertTrue(resume.reason().contains("no-such-checkpoint"), resume.err());
        CliRun fraction = CliRun.of(
                "train-classifier",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("y").toString(),
                "--tumour-fraction",
                "1.5");
        assertEquals(Main.BAD_INPUT, fraction.code(), fraction.err());
        assertTrue(fraction.reason().contains("--tumour-fraction"), fraction.err());
    }

    @Test
    void searchClassifierWritesTrialsTable() throws Exception {
        Path dir = tmp.resolve("search");
        CliRun r = CliRun.of(
                "search-classifier",
                TinyModels.data().toString(),
                "--out",
                dir.toString(),
                "--trials",
                "1",
                "--executions",
                "1",
                "--epochs",
                "1",
                "--batch",
                "2",
                "--samples",
                "4");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(1, CsvTable.read(dir.resolve("trials.csv")).rowCount());
        assertTrue(r.out().contains("1 trial(s) finished"), r.out());
    }

    @Test
    void demoWithGivenModelsWritesSyntheticMasksTableAndOverlay() throws Exception {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of(
                "demo",
                "--out",
                out.toString(),
                "--unet",
                TinyModels.unet().toString(),
                "--classifier",
                TinyModels.classifier().toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("SYNTHETIC"), r.out());
        CsvTable t = CsvTable.read(out.resolve("SYNTHETIC_results.csv"));
        assertEquals(12, t.rowCount());
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("SYNTHETIC_overlay_.*\\.png")));
        }
        assertTrue(Files.isDirectory(out.resolve("SYNTHETIC_masks")));
        // the same folder again: refused unless --overwrite, which replaces only what the demo wrote
        CliRun again = CliRun.of(
                "demo",
                "--out",
                out.toString(),
                "--unet",
                TinyModels.unet().toString(),
                "--classifier",
                TinyModels.classifier().toString());
        assertEquals(Main.BAD_INPUT, again.code(), again.err());
        assertTrue(again.reason().contains("pass --overwrite"), again.reason());
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(
                Main.OK,
                CliRun.of(
                                "demo",
                                "--out",
                                out.toString(),
                                "--overwrite",
                                "--unet",
                                TinyModels.unet().toString(),
                                "--classifier",
                                TinyModels.classifier().toString())
                        .code());
        assertTrue(Files.isRegularFile(out.resolve("notes.txt")));
        assertEquals(12, CsvTable.read(out.resolve("SYNTHETIC_results.csv")).rowCount());
    }

    @Test
    void bioImageIoExportAndARefusedImportFromTheCommandLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // a phantom-trained bundle says no licence: one line asking for it, nothing written
        CliRun unlicensed = CliRun.of(
                "export-bioimageio",
                TinyModels.unet().toString(),
                "--out",
                dir.resolve("card").toString());
        assertEquals(Main.BAD_INPUT, unlicensed.code(), unlicensed.err());
        assertTrue(unlicensed.reason().contains("--license"), unlicensed.reason());
        assertFalse(Files.exists(dir.resolve("card")));
        CliRun export = CliRun.of(
                "export-bioimageio",
                TinyModels.unet().toString(),
                "--out",
                dir.resolve("card").toString(),
                "--license",
                "MIT",
                "--authors",
                "A. Researcher; B. Clinician",
                "--name",
                "tiny phantom UNet");
        assertEquals(Main.OK, export.code(), export.err());
        assertTrue(Files.isRegularFile(dir.resolve("card/test_output.npy")));
        String rdf = Files.readString(dir.resolve("card/rdf.yaml"));
        assertTrue(rdf.contains("name: tiny phantom UNet") && rdf.contains("- name: B. Clinician"), rdf);
        CliRun back = CliRun.of(
                "import-bioimageio",
                dir.resolve("card").toString(),
                "--out",
                dir.resolve("b").toString());
        assertEquals(Main.OK, back.code(), back.err());
        assertTrue(back.out().contains("test output reproduced"), back.out());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of(
                "import-bioimageio", empty.toString(), "--out", dir.resolve("c").toString());
        assertEquals(Main.BAD_INPUT, none.code());
        assertTrue(none.reason().contains("not a bioimage.io model package"), none.reason());
        CliRun classifier = CliRun.of(
                "export-bioimageio",
                TinyModels.classifier().toString(),
                "--out",
                dir.resolve("cnn").toString());
        assertEquals(Main.BAD_INPUT, classifier.code());
        assertTrue(classifier.reason().contains("only segmentation (unet) bundles"), classifier.reason());
    }

    @Test
    void slicesOfAnotherSizeAreResampledToTheModelAndBackAndSaySo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path big = dir.resolve("big.tif");
        io.github.braintumor.data.LggTiff.writeImage(
                big,
                io.github.braintumor.data.PhantomGenerator.slice(3, 512, true).image());
        CliRun seg = CliRun.of(
                "segment",
                big.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.OK, seg.code(), seg.err());
        assertTrue(seg.err().contains("resampled 1 slice(s) of 512x512 to the model's"), seg.err());
        var mask = io.github.braintumor.data.LggTiff.readMask(
                dir.resolve("out/big_pred.tif"), io.github.braintumor.data.LggTiff.ANY_SIZE);
        assertEquals(512, mask.width());
        assertEquals(512, mask.height());
        CliRun cls = CliRun.of(
                "classify", big.toString(), "--model", TinyModels.classifier().toString());
        assertEquals(Main.OK, cls.code(), cls.err());
        assertTrue(cls.err().contains("resampled 1 slice(s) of 512x512"), cls.err());
    }

    @Test
    void theTablesSayWhatWasResampledAndNoResampleRefusesInOneLine(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.tif");
        LggTiff.writeImage(
                big,
                io.github.braintumor.data.PhantomGenerator.slice(3, 512, true).image());
        CliRun seg = CliRun.of(
                "segment",
                big.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--model",
                TinyModels.unet().toString());
        assertEquals(Main.OK, seg.code(), seg.err());
        assertEquals(
                "512x512 -> 256x256",
                CsvTable.read(dir.resolve("out").resolve(SegmentSubcommand.CSV)).get(0, "resampled"));
        Path csv = dir.resolve("classes.csv");
        CliRun cls = CliRun.of(
                "classify", big.toString(), "--model", TinyModels.classifier().toString(), "--csv", csv.toString());
        assertEquals(Main.OK, cls.code(), cls.err());
        assertEquals("512x512 -> 256x256", CsvTable.read(csv).get(0, "resampled"));

        CliRun off = CliRun.of(
                "segment",
                big.toString(),
                "--out",
                dir.resolve("off").toString(),
                "--model",
                TinyModels.unet().toString(),
                "--no-resample");
        assertEquals(Main.BAD_INPUT, off.code(), off.err());
        assertTrue(off.err().strip().split("\n").length <= 2, "the progress line and the reason: " + off.err());
        assertTrue(
                off.reason()
                        .contains("1 slice(s) are 512x512 but the model's input is 256x256 and resampling is" + " off"),
                off.reason());
        assertTrue(off.reason().contains("leave out --no-resample"), off.reason());
        assertTrue(!Files.exists(dir.resolve("off").resolve("big_pred.tif")), "nothing written");
        CliRun offCls = CliRun.of(
                "classify", big.toString(), "--model", TinyModels.classifier().toString(), "--no-resample");
        assertEquals(Main.BAD_INPUT, offCls.code(), offCls.err());
        assertTrue(offCls.reason().contains("512x512 but the model's input is 256x256"), offCls.reason());
        for (String sub : new String[] {"segment", "classify"}) {
            CliRun help = CliRun.of(sub, "--help");
            assertTrue((help.out() + help.err()).matches("(?s).*--no-resample +refuse slices.*"), sub);
        }
    }

    private static ij.process.ColorProcessor rgb(SliceImage s, double brightness) {
        int[] rgb = new int[256 * 256];
        for (int i = 0; i < rgb.length; i++) {
            int[] c = new int[3];
            for (int ch = 0; ch < 3; ch++) c[ch] = (int) Math.round(s.unsigned(ch, i / 256, i % 256) * brightness);
            rgb[i] = c[0] << 16 | c[1] << 8 | c[2];
        }
        return new ij.process.ColorProcessor(256, 256, rgb);
    }

    @Test
    void eachFrameOfATimeSeriesTiffIsAVolumeOfItsOwn(@TempDir Path dir) throws Exception {
        // 2 frames x 2 slices; the second frame darker, so normalising the frames together would change it
        ij.ImageStack stack = new ij.ImageStack(256, 256);
        ij.ImageStack second = new ij.ImageStack(256, 256);
        for (int t = 0; t < 2; t++) {
            for (int z = 0; z < 2; z++) {
                SliceImage s = io.github.braintumor.data.PhantomGenerator.slice(11 + 2 * t + z, 256, true)
                        .image();
                stack.addSlice(rgb(s, t == 0 ? 1.0 : 0.5));
                if (t == 1) second.addSlice(rgb(s, 0.5));
            }
        }
        ij.ImagePlus series = new ij.ImagePlus("series", stack);
        series.setDimensions(1, 2, 2);
        series.setOpenAsHyperStack(true);
        Path file = dir.resolve("series.tif");
        assertTrue(new ij.io.FileSaver(series).saveAsTiffStack(file.toString()));
        Path alone = dir.resolve("alone.tif");
        assertTrue(new ij.io.FileSaver(new ij.ImagePlus("alone", second)).saveAsTiffStack(alone.toString()));
        for (Path input : new Path[] {file, alone}) {
            CliRun seg = CliRun.of(
                    "segment",
                    input.toString(),
                    "--out",
                    dir.resolve("o-" + Inputs.stem(input)).toString(),
                    "--model",
                    TinyModels.unet().toString());
            assertEquals(Main.OK, seg.code(), seg.err());
        }
        Path out = dir.resolve("o-series");
        for (int t = 1; t <= 2; t++) {
            Path mask = out.resolve("series_t" + t + "_pred.tif");
            assertTrue(Files.isRegularFile(mask), mask + " missing");
            assertEquals(2, new ij.io.Opener().openImage(mask.toString()).getStackSize(), "slices of frame " + t);
        }
        CsvTable rows = CsvTable.read(out.resolve(SegmentSubcommand.CSV));
        assertEquals(4, rows.rows().size());
        assertEquals("series_t2", rows.get(2, "patient"));
        assertEquals("1", rows.get(2, "slice"));
        assertEquals(
                2,
                CsvTable.read(out.resolve(SegmentSubcommand.VOLUMES_CSV)).rows().size());
        CsvTable one = CsvTable.read(dir.resolve("o-alone").resolve(SegmentSubcommand.CSV));
        for (int z = 0; z < 2; z++) {
            assertEquals(
                    Double.parseDouble(one.get(z, "max_probability")),
                    Double.parseDouble(rows.get(2 + z, "max_probability")),
                    1e-6,
                    "frame 2 slice " + (z + 1));
        }
    }

    @Test
    void aTiffWithPixelsThatAreNotSquareIsSegmentedInItsPhysicalProportions(@TempDir Path dir) throws Exception {
        SliceImage s =
                io.github.braintumor.data.PhantomGenerator.slice(5, 256, true).image();
        int[] rgb = new int[256 * 256];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = s.unsigned(0, i / 256, i % 256) << 16
                    | s.unsigned(1, i / 256, i % 256) << 8
                    | s.unsigned(2, i / 256, i % 256);
        }
        ij.ImagePlus imp = new ij.ImagePlus("aniso", new ij.process.ColorProcessor(256, 256, rgb));
        ij.measure.Calibration cal = new ij.measure.Calibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 1.0;
        cal.setUnit("mm");
        imp.setCalibration(cal);
        Path aniso = dir.resolve("aniso.tif");
        assertTrue(new ij.io.FileSaver(imp).saveAsTiff(aniso.toString()));
        Path square = dir.resolve("square.tif");
        LggTiff.writeImage(square, s);
        boolean differs = false;
        // the tiny model is sure of much of the slice: look for the threshold at which the two masks part
        for (String t : new String[] {"0.5", "0.9", "0.99", "0.999", "0.9999"}) {
            for (Path input : new Path[] {aniso, square}) {
                CliRun seg = CliRun.of(
                        "segment",
                        input.toString(),
                        "--out",
                        dir.resolve("o-" + Inputs.stem(input)).toString(),
                        "--overwrite",
                        "--model",
                        TinyModels.unet().toString(),
                        "--postprocessing",
                        "none",
                        "--threshold",
                        t);
                assertEquals(Main.OK, seg.code(), seg.err());
            }
            CsvTable a = CsvTable.read(dir.resolve("o-aniso").resolve(SegmentSubcommand.CSV));
            CsvTable q = CsvTable.read(dir.resolve("o-square").resolve(SegmentSubcommand.CSV));
            assertEquals("256x256 -> 128x256 (padded to 256x256)", a.get(0, "resampled"));
            assertEquals("", q.get(0, "resampled") == null ? "" : q.get(0, "resampled"));
            SliceMask mask = LggTiff.readMask(dir.resolve("o-aniso").resolve("aniso_pred.tif"), LggTiff.ANY_SIZE);
            SliceMask plain = LggTiff.readMask(dir.resolve("o-square").resolve("square_pred.tif"), LggTiff.ANY_SIZE);
            assertEquals(256, mask.width(), "the mask is on the original grid");
            assertEquals(256, mask.height());
            differs |= !java.util.Arrays.equals(mask.pixels(), plain.pixels());
        }
        assertTrue(differs, "the aspect changes what the network sees");
    }
}
