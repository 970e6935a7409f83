package io.github.braintumor.conversion;

import io.github.braintumor.data.LggDataException;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.SliceImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One volume's slice files (a patient folder) as the core reads them, for segmentation, evaluation and training
 * alike: 8-bit slices as they are (the data set's own bytes), 16- and 32-bit slices as one volume through {@link
 * ImgSlices} (one scale per channel over the whole volume, never per slice).
 *
 * <pre>{@code
 * List<SliceImage> volume = SliceFiles.read(patient.slices().stream().map(SliceRecord::image).toList());
 * }</pre>
 */
public final class SliceFiles {
    private SliceFiles() {}

    /**
     * @param files the volume's slices in order
     * @throws LggDataException naming a file that cannot be read, or slices stored unlike the first
     */
    public static List<SliceImage> read(List<Path> files) throws LggDataException {
        List<SliceImage> out = new ArrayList<>(files.size());
        if (files.isEmpty()) return out;
        if (LggTiff.is8Bit(files.get(0))) {
            for (Path f : files) out.add(LggTiff.readImage(f, LggTiff.ANY_SIZE));
            return out;
        }
        List<float[][]> planes = new ArrayList<>(files.size());
        int width = LggTiff.readInfo(files.get(0)).width();
        int height = LggTiff.readInfo(files.get(0)).height();
        for (Path f : files) {
            float[][] p = LggTiff.readPlanes(f, LggTiff.ANY_SIZE);
            if (p[0].length != width * height || (!planes.isEmpty() && p.length != planes.get(0).length)) {
                throw new LggDataException(
                        f,
                        "is stored unlike " + files.get(0).getFileName() + ": every slice of a volume must have"
                                + " the same size, type and channels");
            }
            planes.add(p);
        }
        return ImgSlices.volumeOfPlanes(planes, width, height);
    }

    /** @return whether the volume of these files is scaled (16- or 32-bit), i.e. not read byte for byte */
    public static boolean scaled(List<Path> files) throws LggDataException {
        return !files.isEmpty() && !LggTiff.is8Bit(files.get(0));
    }
}
