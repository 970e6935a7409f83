package io.github.braintumor.data;

import java.nio.file.Path;

/**
 * The one layout of predicted masks on disk: {@code <folder>/<patient>/<image stem>_pred.tif}, what
 * {@code segment} writes for a data folder and what {@code evaluate --predictions} and {@code iou} read.
 *
 * <pre>{@code
 * Path mask = PredictionLayout.path(Path.of("seg-out"), slice);   // seg-out/TCGA_CS_4941_19960909/TCGA_CS_4941_19960909_11_pred.tif
 * }</pre>
 */
public final class PredictionLayout {
    /** Appended to the image's stem. */
    public static final String SUFFIX = "_pred.tif";

    private PredictionLayout() {}

    /** @return the file name without {@code .tif} / {@code .tiff} (any case) */
    public static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.tiff?$", "");
    }

    /** @return the predicted mask's file name inside its patient's folder */
    public static String fileName(String imageStem) {
        return imageStem + SUFFIX;
    }

    /** @return where the predicted mask of an image with this stem of this patient lives */
    public static Path path(Path folder, String patient, String imageStem) {
        return folder.resolve(patient).resolve(fileName(imageStem));
    }

    /** @return where the predicted mask of this slice lives */
    public static Path path(Path folder, SliceRecord slice) {
        return path(folder, slice.patientId(), stem(slice.image()));
    }
}
