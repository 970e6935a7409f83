package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        PhantomGenerator.builder().optSeed(3).optPatients(2).optSlicesPerPatient(4).build().write(data);
    }

    @Test
    void computeIouFolderScoresPerfectPredictionsAsOne() throws Exception {
        LggDataset d = LggDataset.index(data);
        Path predictions = tmp.resolve("perfect");
        for (SliceRecord s : d.slices()) {
            Path pred = predictions.resolve(s.patientId()).resolve(
                    s.image().getFileName().toString().replace(".tif", "_pred.tif"));
            Files.createDirectories(pred.getParent());
            Files.copy(s.mask(), pred);
        }
        Path csv = tmp.resolve("iou.csv");
        ImageJRunner.Result r = ImageJRunner.runMacro("compute_iou_folder.ijm",
                predictions + "|" + data + "|" + csv, 120);
        assertTrue(Files.isRegularFile(csv), "no CSV; ImageJ said:\n" + r.output());
        CsvTable t = CsvTable.read(csv);
        assertEquals(d.slices().size(), t.rowCount());
        for (double iou : t.doubleColumn("IoU")) assertEquals(1.0, iou, 1e-9);
    }
}
