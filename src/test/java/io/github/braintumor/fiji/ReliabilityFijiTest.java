package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.fiji.command.EvaluateModelsCommand;
import io.github.braintumor.fiji.command.TrainSegmenterCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** The Fiji commands refuse the same outputs as the CLI (one rule, io.OutputPaths), before any work. */
class ReliabilityFijiTest {
    @TempDir
    Path tmp;

    Context context;

    @BeforeEach
    void start() {
        context = new Context(CommandService.class);
    }

    @AfterEach
    void stop() {
        // SciJava remembers the inputs of a run (even a refused one): forget them so later tests start clean.
        org.scijava.prefs.PrefService prefs = context.getService(org.scijava.prefs.PrefService.class);
        if (prefs != null) {
            prefs.clear(EvaluateModelsCommand.class);
            prefs.clear(TrainSegmenterCommand.class);
            prefs.clear(io.github.braintumor.fiji.command.TrainingCommand.class);
        }
        context.dispose();
    }

    @Test
    void trainSegmenterRefusesAFolderOfUserFiles() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("Documents"));
        Files.writeString(out.resolve("thesis.docx"), "years of work");
        Map<String, Long> before = snapshot(tmp);
        Throwable e = assertThrows(
                Exception.class,
                () -> context.service(CommandService.class)
                        .run(
                                TrainSegmenterCommand.class,
                                true,
                                "data",
                                TinyModels.data().toFile(),
                                "output",
                                out.toFile(),
                                "epochs",
                                1,
                                "batchsize",
                                2,
                                "learningrate",
                                1e-3,
                                "seed",
                                1L,
                                "samples",
                                8,
                                "features",
                                4,
                                "crop",
                                64)
                        .get());
        assertTrue(chain(e).contains("did not write (thesis.docx)"), chain(e));
        assertEquals(before, snapshot(tmp));
    }

    @Test
    void evaluateRefusesWritingIntoTheDataFolder() throws Exception {
        Path data = TinyModels.data();
        Map<String, Long> before = snapshot(data);
        Throwable e = assertThrows(
                Exception.class,
                () -> context.service(CommandService.class)
                        .run(
                                EvaluateModelsCommand.class,
                                true,
                                Map.of(
                                        "data",
                                        data.toFile(),
                                        "output",
                                        data.resolve("eval").toFile(),
                                        "unet",
                                        TinyModels.unet().toFile(),
                                        "lcc",
                                        false,
                                        "minarea",
                                        0,
                                        "threshold",
                                        -1.0,
                                        "patients",
                                        "",
                                        "tta",
                                        false,
                                        "writethreshold",
                                        false))
                        .get());
        assertTrue(chain(e).contains("is inside the input"), chain(e));
        assertEquals(before, snapshot(data));
    }

    @Test
    void anOpenImageFromADamagedTiffIsRefusedNotSegmentedAsBlack() throws Exception {
        // an LZW slice whose strip bytes are overwritten at full length: ImageJ opens it, with black where it fails
        byte[] chw = io.github.braintumor.data.PhantomGenerator.slice(9, 256, true)
                .image()
                .pixels();
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int n = 256 * 256;
        for (int i = 0; i < n; i++) {
            img.setRGB(i % 256, i / 256, (chw[i] & 0xFF) << 16 | (chw[n + i] & 0xFF) << 8 | (chw[2 * n + i] & 0xFF));
        }
        Path tif = tmp.resolve("damaged.tif");
        javax.imageio.ImageWriter writer =
                javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(tif.toFile())) {
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        ij.ImagePlus intact = ij.IJ.openImage(tif.toString());
        assertTrue(intact != null);
        Images.slices(intact); // an intact file passes
        byte[] bytes = Files.readAllBytes(tif);
        java.util.Random random = new java.util.Random(11);
        for (int i = bytes.length / 3; i < bytes.length / 2; i++) bytes[i] = (byte) random.nextInt(256);
        Files.write(tif, bytes);
        ij.ImagePlus opened = ij.IJ.openImage(tif.toString());
        Throwable e = assertThrows(
                Exception.class,
                () -> context.service(CommandService.class)
                        .run(io.github.braintumor.fiji.command.SegmentTumorCommand.class, true, "image", opened)
                        .get());
        assertTrue(chain(e).contains("was opened from a damaged file") && chain(e).contains("is damaged"), chain(e));
    }

    private static String chain(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause())
            s.append(t.getMessage()).append(" | ");
        return s.toString();
    }

    private static Map<String, Long> snapshot(Path root) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) m.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
        }
        return m;
    }
}
