package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment --postprocessing model|none} with a bundle whose model.json records lcc. */
class SegmentPostProcessingTest {
    @TempDir
    Path tmp;

    @Test
    void modelAppliesTheRecordedLargestComponentAndNoneDoesNot() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        List<SliceImage> slices = new ArrayList<>();
        for (SliceRecord s : patient.slices()) slices.add(LggTiff.readImage(s.image()));
        Path bundle = TinyModels.unetRecordingLcc(tmp.resolve("unet-lcc"), slices);
        Path folder = patient.slices().get(0).image().getParent();

        CliRun model = CliRun.of(
                "segment", folder.toString(), "--out", tmp.resolve("model").toString(), "--model", bundle.toString());
        CliRun none = CliRun.of(
                "segment",
                folder.toString(),
                "--out",
                tmp.resolve("none").toString(),
                "--model",
                bundle.toString(),
                "--postprocessing",
                "none");
        assertEquals(Main.OK, model.code(), model.err());
        assertEquals(Main.OK, none.code(), none.err());
        assertTrue(model.err().contains("post-processing: lcc (recorded in the model)"), model.err());
        assertTrue(none.err().contains("post-processing: none (switched off)"), none.err());
        double withLcc = sum(tmp.resolve("model")), without = sum(tmp.resolve("none"));
        assertTrue(withLcc > 0 && withLcc < without, withLcc + " vs " + without);
    }

    @Test
    void unknownPostprocessingIsBadUsageNamingTheValues() throws Exception {
        CliRun r =
                CliRun.of("segment", tmp.toString(), "--out", tmp.resolve("o").toString(), "--postprocessing", "lcc");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--postprocessing must be one of model, none, got 'lcc'"), r.err());
        assertTrue(!Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void evaluateWritesTheGivenPostProcessingIntoTheUnetOnlyWhenAsked() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("unet"));
        try (var files = Files.list(TinyModels.unet())) {
            for (Path f : files.toList()) Files.copy(f, bundle.resolve(f.getFileName()));
        }
        String patient = LggDataset.index(TinyModels.data()).patients().get(0).id();
        CliRun r = CliRun.of(
                "evaluate",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("eval").toString(),
                "--unet",
                bundle.toString(),
                "--patients",
                patient,
                "--lcc",
                "--min-area",
                "7",
                "--write-postprocessing");
        assertEquals(Main.OK, r.code(), r.err());
        io.github.braintumor.model.ModelInfo info = io.github.braintumor.model.ModelBundle.verify(bundle);
        assertEquals(new io.github.braintumor.model.PostProcessingSettings(false, true, 7), info.postProcessing());
        assertEquals(
                io.github.braintumor.model.ModelBundle.readInfo(TinyModels.unet())
                        .threshold(),
                info.threshold());

        CliRun bad = CliRun.of(
                "evaluate",
                TinyModels.data().toString(),
                "--out",
                tmp.resolve("e2").toString(),
                "--predictions",
                tmp.toString(),
                "--write-postprocessing");
        assertEquals(Main.BAD_INPUT, bad.code(), bad.err());
        assertTrue(bad.reason().contains("needs a UNet bundle"), bad.err());
    }

    private static double sum(Path out) throws Exception {
        double s = 0;
        for (double v : CsvTable.read(out.resolve(SegmentSubcommand.CSV)).doubleColumn("tumour_pixels")) s += v;
        return s;
    }
}
