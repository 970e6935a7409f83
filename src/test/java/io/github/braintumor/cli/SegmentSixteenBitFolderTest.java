package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.TinyModels;
import java.nio.file.Files;
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
        Path one = store(patient, tmp.resolve("gain1").resolve(patient.id()), 1, 0);
        Path other = store(patient, tmp.resolve("gain13").resolve(patient.id()), 13, 300);
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

    /** The patient's slices as 16-bit 3-plane TIFFs, each value {@code v * gain + offset}, with their masks. */
    private static Path store(PatientRecord p, Path folder, int gain, int offset) throws Exception {
        Files.createDirectories(folder);
        for (SliceRecord r : p.slices()) {
            SliceImage s = LggTiff.readImage(r.image());
            int plane = s.width() * s.height();
            ImageStack stack = new ImageStack(s.width(), s.height());
            for (int c = 0; c < 3; c++) {
                short[] px = new short[plane];
                for (int i = 0; i < plane; i++) px[i] = (short) ((s.pixels()[c * plane + i] & 0xFF) * gain + offset);
                stack.addSlice(new ShortProcessor(s.width(), s.height(), px, null));
            }
            IJ.saveAsTiff(
                    new ImagePlus("s", stack),
                    folder.resolve(r.image().getFileName()).toString());
            Files.copy(r.mask(), folder.resolve(r.mask().getFileName()));
        }
        return folder;
    }
}
