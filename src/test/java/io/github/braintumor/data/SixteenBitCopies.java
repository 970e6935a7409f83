package io.github.braintumor.data;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data: patients re-stored as 16-bit slices (3 pages a file), each value {@code v * gain + offset}. */
public final class SixteenBitCopies {
    private SixteenBitCopies() {}

    /** Writes the patient's slices and masks into {@code folder} (created); @return the folder */
    public static Path patient(PatientRecord p, Path folder, int gain, int offset) throws Exception {
        Files.createDirectories(folder);
        for (SliceRecord r : p.slices()) {
            SliceImage s = LggTiff.readImage(r.image(), LggTiff.ANY_SIZE);
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

    /** Every patient of {@code data} into {@code root/<patient id>/}; @return {@code root} */
    public static Path dataset(LggDataset data, Path root, int gain, int offset) throws Exception {
        for (PatientRecord p : data.patients()) patient(p, root.resolve(p.id()), gain, offset);
        return root;
    }
}
