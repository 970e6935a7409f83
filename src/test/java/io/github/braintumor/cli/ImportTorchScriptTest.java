package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.TracedModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-torchscript}: a traced module becomes a bundle segment takes; wrong modules leave nothing. */
class ImportTorchScriptTest {
    @TempDir
    static Path tmp;

    static Path pixel;

    @BeforeAll
    static void trace() throws Exception {
        String why = TracedModules.unavailableReason();
        if (why != null) System.out.println("ImportTorchScriptTest skipped: " + why);
        Assumptions.assumeTrue(why == null, why);
        pixel = TracedModules.trace(tmp.resolve("pixel.pt"), TracedModules.PIXEL_LOGITS, 64);
    }

    @Test
    void importedUnetRecordsWhatWasAskedAndSegments() throws Exception {
        Path bundle = tmp.resolve("pixel-bundle");
        CliRun r = CliRun.of(
                "import-torchscript",
                pixel.toString(),
                "--out",
                bundle.toString(),
                "--kind",
                "unet",
                "--input-size",
                "64",
                "--threshold",
                "0.4");
        assertEquals(Main.OK, r.code(), r.err());
        ModelInfo info = ModelBundle.readInfo(bundle);
        assertEquals(ModelInfo.FORMAT_TORCHSCRIPT, info.weightsFormat());
        assertEquals(64, info.modelInputSize());
        assertEquals(0.4f, info.threshold());
        assertEquals("divide255", info.normalization());
        assertEquals("logits", info.architectureString("output", ""));
        Path data = tmp.resolve("phantom");
        PhantomGenerator.builder()
                .optSeed(2)
                .optPatients(1)
                .optSlicesPerPatient(3)
                .build()
                .write(data);
        Path out = tmp.resolve("masks");
        CliRun seg = CliRun.of("segment", data.toString(), "--out", out.toString(), "--model", bundle.toString());
        assertEquals(Main.OK, seg.code(), seg.err());
        try (var masks = Files.walk(out)) {
            assertEquals(
                    3, masks.filter(p -> p.toString().endsWith("_pred.tif")).count());
        }
        // importing again into the bundle it wrote is allowed (replaced whole)
        assertEquals(
                Main.OK,
                CliRun.of(
                                "import-torchscript",
                                pixel.toString(),
                                "--out",
                                bundle.toString(),
                                "--kind",
                                "unet",
                                "--input-size",
                                "64")
                        .code());
    }

    @Test
    void aModuleOfTheWrongShapeIsRefusedAndWritesNothing() throws Exception {
        Path two = TracedModules.trace(tmp.resolve("two.pt"), TracedModules.TWO_CHANNELS, 32);
        Path bundle = tmp.resolve("two-bundle");
        CliRun r = CliRun.of(
                "import-torchscript",
                two.toString(),
                "--out",
                bundle.toString(),
                "--kind",
                "unet",
                "--input-size",
                "32");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.reason().contains("gives an output of shape (1, 2, 32, 32)"), r.reason());
        assertFalse(Files.exists(bundle));
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".two-bundle")), "staging left");
        }
    }

    @Test
    void userMistakesAreOneLineBeforeAnyWork() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("my-files"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        CliRun notOurs = CliRun.of("import-torchscript", pixel.toString(), "--out", mine.toString(), "--kind", "unet");
        assertEquals(Main.BAD_INPUT, notOurs.code(), notOurs.err());
        assertTrue(Files.exists(mine.resolve("notes.txt")));
        CliRun noKind = CliRun.of(
                "import-torchscript",
                pixel.toString(),
                "--out",
                tmp.resolve("b").toString());
        assertEquals("brain-tumor import-torchscript: --kind unet|classifier is required", noKind.reason());
        CliRun badNorm = CliRun.of(
                "import-torchscript",
                pixel.toString(),
                "--out",
                tmp.resolve("b").toString(),
                "--kind",
                "unet",
                "--normalization",
                "zscore");
        assertEquals(Main.BAD_INPUT, badNorm.code());
        assertTrue(
                badNorm.reason().contains("--normalization must be one of divide255, percentile-zscore"),
                badNorm.reason());
        CliRun badScores = CliRun.of(
                "import-torchscript",
                pixel.toString(),
                "--out",
                tmp.resolve("b").toString(),
                "--kind",
                "unet",
                "--scores",
                "softmax");
        assertTrue(badScores.reason().contains("--scores must be one of logits, probabilities"), badScores.reason());
        assertFalse(Files.exists(tmp.resolve("b")));
    }
}
