package io.github.braintumor.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file or folder that cannot be used as LGG data. The message always names the file (or folder), says what
 * is wrong with it, and where possible what to do about it.
 *
 * <pre>{@code
 * try {
 *     SliceImage img = LggTiff.readImage(Path.of("kaggle_3m/TCGA_CS_4942_19970222/TCGA_CS_4942_19970222_10.tif"));
 * } catch (LggDataException e) {
 *     System.err.println(e.getMessage()); // "...: image is 128x128, expected 256x256 ..."
 * }
 * }</pre>
 */
public class LggDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** @param file the offending file or folder (named first in the message); {@code problem} says what is wrong */
    public LggDataException(Path file, String problem) {
        this(file, problem, null);
    }

    public LggDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** For problems not tied to one file (the message must then name what is wrong). */
    public LggDataException(String message) {
        super(message);
        this.file = null;
    }

    /** @return the offending file or folder, or null when the problem is not tied to one */
    public Path file() {
        return file;
    }
}
