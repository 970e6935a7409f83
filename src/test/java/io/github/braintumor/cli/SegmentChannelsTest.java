package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.fiji.TinyModels;
import io.github.braintumor.infer.InterleavedStacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 3-channel scan saved as one single-channel stack (c1 z1, c2 z1, c3 z1, c1 z2, ...) and {@code --channels 3}. */
class SegmentChannelsTest {
    @TempDir
    Path tmp;

    @Test
    void anInterleavedStackIsReadAsThreeChannelsWhenAskedAndNamedWhenNot() throws Exception {
        PatientRecord patient = LggDataset.index(TinyModels.data()).patients().get(0);
        int side = LggTiff.readImage(patient.slices().get(0).image()).width();
        int slices = 6;
        ImageStack stack = new ImageStack(side, side);
        for (SliceImage s : InterleavedStacks.interleaved(InterleavedStacks.synthetic(slices, side))) {
            stack.addSlice(new ByteProcessor(side, side, Arrays.copyOf(s.pixels(), side * side)));
        }
        Path tif = tmp.resolve("interleaved.tif");
        IJ.saveAsTiff(new ImagePlus("interleaved", stack), tif.toString());

        CliRun asStored = CliRun.of(
                "segment", tif.toString(), "--out", tmp.resolve("plain").toString());
        assertEquals(Main.OK, asStored.code(), asStored.err());
        assertTrue(asStored.err().contains("(" + 3 * slices + " slices)"), asStored.err());
        assertTrue(asStored.err().contains("looks like 3 channels x " + slices + " slices"), asStored.err());
        assertTrue(
                Files.readString(tmp.resolve("plain").resolve(SegmentSubcommand.VOLUMES_CSV))
                        .contains("looks like 3 channels"),
                "the volumes table carries the warning");

        CliRun three = CliRun.of(
                "segment", tif.toString(), "--out", tmp.resolve("three").toString(), "--channels", "3");
        assertEquals(Main.OK, three.code(), three.err());
        assertTrue(three.err().contains("(" + slices + " slices)"), three.err());
        assertFalse(three.err().contains("looks like 3 channels"), three.err());
        assertEquals(
                slices,
                IJ.openImage(tmp.resolve("three/interleaved_pred.tif").toString())
                        .getStackSize());

        CliRun folder = CliRun.of(
                "segment",
                patient.slices().get(0).image().getParent().toString(),
                "--out",
                tmp.resolve("f").toString(),
                "--channels",
                "3");
        assertEquals(Main.BAD_INPUT, folder.code(), folder.err());
        assertTrue(folder.reason().contains("--channels 3 applies to a single TIFF stack"), folder.err());
        assertFalse(Files.exists(tmp.resolve("f")));
    }
}
