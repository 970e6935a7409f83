package io.github.braintumor.cli;

import static io.github.braintumor.cli.ReliabilityTest.refused;
import static io.github.braintumor.cli.ReliabilityTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.fiji.TinyModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, classes 2, 3 and 7: inputs that used to hang, give silently wrong results, or be refused although
 * users really have them. Every input is generated here; each refusal is exit 2 with one line and no output.
 */
class ReliabilityInputsTest {
    @TempDir
    Path tmp;

    // ---- class 3: silently wrong results ---------------------------------------------------------------------

    @Test
    void allNanImageIsRefusedNotReadAsNoTumour() throws Exception {
        float[] nan = new float[256 * 256];
        Arrays.fill(nan, Float.NaN);
        Path file = tmp.resolve("nan.tif");
        IJ.saveAsTiff(new ImagePlus("nan", new FloatProcessor(256, 256, nan)), file.toString());
        Path out = tmp.resolve("seg");
        refused(
                CliRun.of("segment", file.toString(), "--out", out.toString(), "--model", unet()),
                "has no finite value (only NaN or infinity) in slice 1");
        assertFalse(Files.exists(out));
        CliRun classify = CliRun.of(
                "classify", file.toString(), "--model", TinyModels.classifier().toString());
        refused(classify, "no finite value");
        assertFalse(classify.out().contains("nan\t1"), classify.out()); // no row for it
    }

    @Test
    void stackWhosePagesDifferInSizeIsRefused() throws Exception {
        Path file = tmp.resolve("mixed.tif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(
                    new IIOImage(new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR), null, null), null);
            writer.writeToSequence(
                    new IIOImage(new BufferedImage(128, 128, BufferedImage.TYPE_3BYTE_BGR), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        Path out = tmp.resolve("seg");
        refused(CliRun.of("segment", file.toString(), "--out", out.toString(), "--model", unet()), "page 2 is 128x128");
        assertFalse(Files.exists(out));
        refused(
                CliRun.of(
                        "classify",
                        file.toString(),
                        "--model",
                        TinyModels.classifier().toString()),
                "pages of one stack must have one size");
    }

    @Test
    void modelThresholdOutsideZeroToOneIsRefusedAtLoad() throws Exception {
        Path bundle = copyBundle(TinyModels.unet(), "unet-7.5");
        Path json = bundle.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"threshold\": [0-9.eE-]+", "\"threshold\": 7.5"));
        Path out = tmp.resolve("seg");
        refused(
                CliRun.of("segment", image().toString(), "--out", out.toString(), "--model", bundle.toString()),
                "threshold must be a probability between 0 and 1, got 7.5");
        assertFalse(Files.exists(out));
        refused(CliRun.of("classify", image().toString(), "--method", "unet", "--model", bundle.toString()), "got 7.5");
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedAtLoad() throws Exception {
        Path bundle = copyBundle(TinyModels.unet(), "unet-relabelled");
        Path json = bundle.resolve("model.json");
        String text = Files.readString(json);
        assertTrue(text.contains("\"features\": 4"), text); // the tiny UNet
        Files.writeString(json, text.replace("\"features\": 4", "\"features\": 8"));
        Path out = tmp.resolve("seg");
        CliRun r = CliRun.of("segment", image().toString(), "--out", out.toString(), "--model", bundle.toString());
        refused(r, "belong to another architecture");
        assertTrue(
                r.reason().contains("\"features\":8")
                        && r.reason().contains("(4, 3, 3, 3)")
                        && r.reason().contains("(8, 3, 3, 3)"),
                r.reason()); // names both
        assertFalse(Files.exists(out));
    }

    @Test
    void pngAndJpegBytesNamedTifAreNotATiff() throws Exception {
        BufferedImage rgb = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        Path png = tmp.resolve("scan.tif");
        assertTrue(ImageIO.write(rgb, "png", png.toFile()));
        Path jpeg = tmp.resolve("photo.tiff");
        assertTrue(ImageIO.write(rgb, "jpeg", jpeg.toFile()));
        Path out = tmp.resolve("seg");
        refused(
                CliRun.of("segment", png.toString(), "--out", out.toString(), "--model", unet()),
                "not a TIFF: the file holds PNG data");
        assertFalse(Files.exists(out));
        refused(
                CliRun.of(
                        "classify",
                        jpeg.toString(),
                        "--model",
                        TinyModels.classifier().toString()),
                "not a TIFF: the file holds JPEG data");
        // inside a patient folder too (the other reader)
        Path data = tinyPatients("png");
        Path slice = LggDataset.index(data).slices().get(0).image();
        Files.copy(png, slice, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        refused(
                CliRun.of(
                        "classify",
                        data.toString(),
                        "--model",
                        TinyModels.classifier().toString()),
                "PNG data");
    }

    @Test
    void sixteenBitAndGreyInputsGetTheFijiConversionNote() throws Exception {
        short[] px = new short[256 * 256];
        for (int i = 0; i < px.length; i++) px[i] = (short) (i % 4000);
        Path file = tmp.resolve("deep.tif");
        IJ.saveAsTiff(new ImagePlus("deep", new ShortProcessor(256, 256, px, null)), file.toString());
        CliRun r = CliRun.of(
                "segment", file.toString(), "--out", tmp.resolve("seg").toString(), "--model", unet());
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.err().contains("16-bit image 'deep.tif': each channel of each slice scaled"), r.err());
        assertTrue(r.err().contains("single-channel image 'deep.tif': the channel is replicated"), r.err());
        CliRun c = CliRun.of(
                "classify", file.toString(), "--model", TinyModels.classifier().toString());
        assertEquals(Main.OK, c.code(), c.err());
        assertTrue(c.err().contains("16-bit image"), c.err());

        Path data = tinyPatients("grey"); // an 8-bit grey slice in a patient folder
        Path slice = LggDataset.index(data).slices().get(0).image();
        LggTiff.writeImage(slice, new io.github.braintumor.data.SliceImage(256, 256, 1, new byte[256 * 256]));
        CliRun g = CliRun.of(
                "classify", data.toString(), "--model", TinyModels.classifier().toString());
        assertEquals(Main.OK, g.code(), g.err());
        assertTrue(g.err().contains("1 single-channel slice(s)") && g.err().contains("replicated"), g.err());
    }

    // ---- class 2: hangs --------------------------------------------------------------------------------------

    @Test
    void compressedTiffCutInHalfIsRefusedNotDecodedForever() throws Exception {
        for (String compression : new String[] {"LZW", "Deflate"}) {
            Path whole = tmp.resolve(compression + "-whole.tif");
            writeCompressed(whole, compression);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(tmp.resolve(compression + "-cut.tif"), Arrays.copyOf(bytes, bytes.length / 2));
            Path out = tmp.resolve("seg-" + compression);
            // the bound only guards against a hang; the refusal itself takes well under a second
            CliRun seg = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> CliRun.of("segment", cut.toString(), "--out", out.toString(), "--model", unet()));
            refused(seg, "truncated or corrupt");
            assertTrue(seg.reason().contains("strip"), seg.reason());
            assertFalse(Files.exists(out));
            CliRun cls = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> CliRun.of(
                            "classify",
                            cut.toString(),
                            "--model",
                            TinyModels.classifier().toString()));
            refused(cls, "truncated or corrupt");
            // the whole file is fine
            assertEquals(
                    Main.OK,
                    CliRun.of(
                                    "classify",
                                    whole.toString(),
                                    "--model",
                                    TinyModels.classifier().toString())
                            .code());
        }
    }

    @Test
    void compressedTiffDamagedInsideIsRefusedNotSegmentedAsZeros() throws Exception {
        for (String compression : new String[] {"LZW", "Deflate", "PackBits"}) {
            Path whole = tmp.resolve(compression + "-intact.tif");
            writeCompressed(whole, compression);
            assertEquals(
                    Main.OK,
                    CliRun.of(
                                    "classify",
                                    whole.toString(),
                                    "--model",
                                    TinyModels.classifier().toString())
                            .code(),
                    compression + " intact must pass the strip check");
            if (compression.equals("PackBits")) continue; // no structure to break: see StripCheck
            byte[] bytes = Files.readAllBytes(whole);
            java.util.Random random = new java.util.Random(11);
            for (int i = bytes.length / 3; i < bytes.length / 2; i++) bytes[i] = (byte) random.nextInt(256);
            Path damaged = Files.write(tmp.resolve(compression + "-damaged.tif"), bytes); // full length
            Path out = tmp.resolve("seg-damaged-" + compression);
            CliRun seg = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> CliRun.of("segment", damaged.toString(), "--out", out.toString(), "--model", unet()));
            refused(seg, "is damaged");
            assertFalse(Files.exists(out));
        }
    }

    // ---- class 7: inputs users really have -------------------------------------------------------------------

    @Test
    void patientFolderWithoutMasksIsSegmentedAndClassified() throws Exception {
        Path data = tinyPatients("unlabelled");
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith("_mask.tif"))
                    .toList()) Files.delete(p);
        }
        Path patient = LggDataset.indexImages(data)
                .patients()
                .get(0)
                .slices()
                .get(0)
                .image()
                .getParent();
        Path out = tmp.resolve("seg");
        CliRun seg = CliRun.of("segment", patient.toString(), "--out", out.toString(), "--model", unet());
        assertEquals(Main.OK, seg.code(), seg.err());
        String id = patient.getFileName().toString();
        assertTrue(Files.isRegularFile(out.resolve(id).resolve(id + "_1_pred.tif")));
        assertTrue(Files.isRegularFile(out.resolve(id).resolve(id + "_2_pred.tif")));
        CliRun cls = CliRun.of(
                "classify", data.toString(), "--model", TinyModels.classifier().toString());
        assertEquals(Main.OK, cls.code(), cls.err());
        assertEquals(2, cls.out().lines().filter(l -> l.startsWith(id + "\t")).count(), cls.out());
        // training still needs the masks, and says so
        refused(CliRun.of("overview", data.toString()), "image has no mask");
    }

    @Test
    void copiedPatientIsRefusedNamingBothFolders() throws Exception {
        Path data = tinyPatients("copied");
        Path patient =
                LggDataset.index(data).patients().get(0).slices().get(0).image().getParent();
        Path copy = patient.resolveSibling(patient.getFileName() + " copy");
        ReliabilityTest.copyTree(patient, copy);
        Map<String, Long> before = snapshot(data);
        CliRun r = CliRun.of("overview", data.toString());
        refused(r, "holds the slices of patient " + patient.getFileName());
        assertTrue(r.reason().contains(copy.toString()) && r.reason().contains(patient.toString()), r.reason());
        assertFalse(r.out().contains("patients"), r.out()); // no counts printed
        refused(
                CliRun.of(
                        "train-unet",
                        data.toString(),
                        "--out",
                        tmp.resolve("unet").toString()),
                "would count twice");
        assertFalse(Files.exists(tmp.resolve("unet")));
        assertEquals(before, snapshot(data));
    }

    @Test
    void maskOfAnotherSizeThanItsImageIsFoundUpFront() throws Exception {
        Path data = tinyPatients("sizes");
        Path mask = LggDataset.index(data).slices().get(1).mask();
        LggTiff.writeMask(mask, SliceMask.empty(128, 128));
        CliRun r = CliRun.of("overview", data.toString());
        refused(r, "mask is 128x128 but its image");
        assertTrue(r.reason().contains(mask.getFileName().toString()), r.reason());
        Path out = tmp.resolve("unet");
        refused(CliRun.of("train-unet", data.toString(), "--out", out.toString()), "mask is 128x128");
        assertFalse(Files.exists(out));
    }

    @Test
    void thresholdNanIsRefusedLikeNan() throws Exception {
        for (String value : new String[] {"NaN", "nan", "Infinity"}) {
            Path out = tmp.resolve("seg");
            refused(
                    CliRun.of(
                            "segment",
                            image().toString(),
                            "--out",
                            out.toString(),
                            "--model",
                            unet(),
                            "--threshold",
                            value),
                    "--threshold must be a number, got '" + value + "'");
            assertFalse(Files.exists(out));
            refused(
                    CliRun.of(
                            "classify",
                            image().toString(),
                            "--model",
                            TinyModels.classifier().toString(),
                            "--threshold",
                            value),
                    "--threshold must be a number");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String unet() throws Exception {
        return TinyModels.unet().toString();
    }

    /** One RGB phantom slice as a single TIFF outside any data folder. */
    private Path image() throws Exception {
        Path f = tmp.resolve("slice.tif");
        if (!Files.exists(f))
            LggTiff.writeImage(f, PhantomGenerator.slice(3, 256, true).image());
        return f;
    }

    /** One phantom patient with two 256x256 slices and masks. */
    private Path tinyPatients(String name) throws Exception {
        Path d = tmp.resolve(name);
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(1)
                .optSlicesPerPatient(2)
                .build()
                .write(d);
        return d;
    }

    private Path copyBundle(Path from, String name) throws Exception {
        Path to = tmp.resolve(name);
        ReliabilityTest.copyTree(from, to);
        return to;
    }

    /** A 256x256 RGB phantom slice, compressed, header (IFD) first as the JDK writes it. */
    private static void writeCompressed(Path file, String compression) throws Exception {
        byte[] chw = PhantomGenerator.slice(9, 256, true).image().pixels();
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        int n = 256 * 256;
        for (int i = 0; i < n; i++) {
            img.setRGB(i % 256, i / 256, (chw[i] & 0xFF) << 16 | (chw[n + i] & 0xFF) << 8 | (chw[2 * n + i] & 0xFF));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
