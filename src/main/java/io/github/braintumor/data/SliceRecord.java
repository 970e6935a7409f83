package io.github.braintumor.data;

import java.nio.file.Path;

/**
 * One indexed slice: where its image and mask are, and what the mask says. Pixels are not kept; read them with
 * {@link #readImage()} / {@link #readMask()}.
 *
 * <pre>{@code
 * for (SliceRecord s : LggDataset.index(Path.of("kaggle_3m")).slices()) {
 *     if (s.tumour()) System.out.println(s.patientId() + " #" + s.sliceNumber() + ": " + s.tumourArea() + " px");
 * }
 * }</pre>
 *
 * @param patientId   patient folder name, e.g. {@code TCGA_CS_4942_19970222}
 * @param hospital    two-letter site code after {@code TCGA_} (e.g. {@code CS}), or {@link LggDataset#UNKNOWN_HOSPITAL}
 * @param sliceNumber the {@code <n>} of {@code ..._<n>.tif} (1-based in the Kaggle data, not zero-padded)
 * @param image       the image file
 * @param mask        the mask file
 * @param tumour      true when the mask has at least one tumour pixel
 * @param position    this slice's place in the patient's numerically sorted slices, 0 (first, bottom) .. 1 (last,
 *                    top); 0 for a patient with one slice
 * @param tumourArea  tumour pixels in the mask, or {@link #UNKNOWN_AREA} when made without reading the mask
 */
public record SliceRecord(
        String patientId,
        String hospital,
        int sliceNumber,
        Path image,
        Path mask,
        boolean tumour,
        double position,
        long tumourArea) {
    /** {@link #tumourArea()} of a tumour slice whose mask area was not counted. */
    public static final long UNKNOWN_AREA = -1;

    public SliceRecord {
        if (tumour ? tumourArea <= 0 && tumourArea != UNKNOWN_AREA : tumourArea != 0) {
            throw new IllegalArgumentException(
                    "slice " + image + ": tumour=" + tumour + " but tumourArea=" + tumourArea);
        }
    }

    /** The contract's shape: area 0 for non-tumour slices, {@link #UNKNOWN_AREA} for tumour slices. */
    public SliceRecord(
            String patientId,
            String hospital,
            int sliceNumber,
            Path image,
            Path mask,
            boolean tumour,
            double position) {
        this(patientId, hospital, sliceNumber, image, mask, tumour, position, tumour ? UNKNOWN_AREA : 0);
    }

    /** Reads this slice's 256x256 image ({@link LggTiff#readImage(Path)}). */
    public SliceImage readImage() throws LggDataException {
        return LggTiff.readImage(image);
    }

    /** Reads this slice's 256x256 mask ({@link LggTiff#readMask(Path)}). */
    public SliceMask readMask() throws LggDataException {
        return LggTiff.readMask(mask);
    }
}
