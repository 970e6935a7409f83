package io.github.braintumor.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A folder that appears whole or not at all (one patient's masks, of the command line and of every Spark task alike):
 * written under a hidden temporary name beside its target, moved into place by {@link #publish}; closed without
 * being published it is deleted.
 *
 * <pre>{@code
 * try (StagedFolder patient = StagedFolder.beside(out.resolve("TCGA_CS_4941_19960909"))) {
 *     LggTiff.writeMask(patient.path().resolve("TCGA_CS_4941_19960909_1_pred.tif"), mask);
 *     patient.publish();   // out/TCGA_CS_4941_19960909 now holds every mask; an exception before leaves nothing
 * }
 * }</pre>
 */
public final class StagedFolder implements AutoCloseable {
    private final Path staged;
    private final Path target;
    private boolean settled;

    private StagedFolder(Path staged, Path target) {
        this.staged = staged;
        this.target = target;
    }

    /** @return a new, empty staging folder for {@code target} (on its file system, so publishing is a rename) */
    public static StagedFolder beside(Path target) throws IOException {
        return new StagedFolder(AtomicFiles.newSiblingTempDir(target), target);
    }

    /** @return where to write the folder's files until it is published */
    public Path path() {
        return staged;
    }

    /** Moves the complete folder into place, replacing an earlier one of that name ({@link AtomicFiles#publishDirectory}). */
    public void publish() throws IOException {
        AtomicFiles.publishDirectory(staged, target);
        settled = true;
    }

    /**
     * Leaves the staging folder where it is, as a killed process would (fault injection in tests); the next run's
     * {@link AtomicFiles#removeLeftovers} sweeps it.
     */
    public void abandon() {
        settled = true;
    }

    /** Deletes the staging folder unless it was published or abandoned. */
    @Override
    public void close() throws IOException {
        if (!settled) AtomicFiles.deleteRecursively(staged);
    }
}
