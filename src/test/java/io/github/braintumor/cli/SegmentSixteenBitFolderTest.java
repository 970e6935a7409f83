package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SixteenBitCopies;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patient folder of 16-bit slices (3 planes a file) is one volume, read as a 16-bit stack file is. */
class SegmentSixteenBitFolderTest {
    @TempDir
    Path tmp;

    @Test
    void sixteenBitSlicesWithAnotherGainGetTheMasksOfTheSameSlicesWithGainOne() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        Path one = SixteenBitCopies.patient(patient, tmp.resolve("gain1").resolve(patient.id()), 1, 0);
        Path other = SixteenBitCopies.patient(patient, tmp.resolve("gain13").resolve(patient.id()), 13, 300);
        CliRun a =
                CliRun.of("segment", one.toString(), "--out", tmp.resolve("a").toString());
        CliRun b =
                CliRun.of("segment", other.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(Main.OK, a.code(), a.err());
        assertEquals(Main.OK, b.code(), b.err());
        int masks = 0;
        for (SliceRecord r : patient.slices()) {
            String name = r.image().getFileName().toString().replace(".tif", "_pred.tif");
            byte[] pa = LggTiff.readMask(tmp.resolve("a").resolve(patient.id()).resolve(name))
                    .pixels();
            byte[] pb = LggTiff.readMask(tmp.resolve("b").resolve(patient.id()).resolve(name))
                    .pixels();
            assertArrayEquals(pa, pb, name);
            masks++;
        }
        assertEquals(patient.slices().size(), masks);
        assertTrue(a.err().contains("16-bit") || a.err().contains("scaled"), a.err());
    }
}
