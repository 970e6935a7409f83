package io.github.braintumor.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real LGG data for tests that need it: {@code ../shared/lgg} next to the project root, unpacked on
 * first use into {@code target/lgg-cache/kaggle_3m} (with the shared {@code unpack.sh}, which is idempotent: later
 * runs only check the files are there). Tests skip when the shared folder is absent.
 *
 * <pre>{@code
 * LggDataset d = RealData.indexOrSkip();   // the test is skipped when the data is absent
 * }</pre>
 */
public final class RealData {
    /** Message for {@code Assumptions.assumeTrue} when the data is absent. */
    public static final String SKIP_REASON =
            "real LGG data not found at ../shared/lgg (relative to the project root); " + "skipping real-data test";

    private static Optional<Path> kaggle;

    private RealData() {}

    /** @return {@code ../shared/lgg} when it exists (holds unpack.sh, patients.csv, data.csv, archives/) */
    public static Optional<Path> sharedLgg() {
        Path shared = Paths.get("").toAbsolutePath().getParent().resolve("shared/lgg");
        return Files.isRegularFile(shared.resolve("unpack.sh")) ? Optional.of(shared) : Optional.empty();
    }

    /**
     * @return the whole real data set indexed; skips the calling test (JUnit assumption) when the data is absent
     * @throws LggDataException when the unpacked data cannot be indexed
     */
    public static LggDataset indexOrSkip() throws LggDataException {
        Optional<Path> folder = lggKaggleFolder();
        Assumptions.assumeTrue(folder.isPresent(), SKIP_REASON);
        return LggDataset.index(folder.get());
    }

    /**
     * @return the unpacked {@code target/lgg-cache/kaggle_3m} folder (all patients), or empty when the shared data
     *         is absent (then a line saying so is printed)
     * @throws IllegalStateException when the data is there but unpacking fails (a broken checkout should fail
     *                               tests loudly, not skip them)
     */
    public static synchronized Optional<Path> lggKaggleFolder() {
        if (kaggle != null) {
            return kaggle;
        }
        Optional<Path> shared = sharedLgg();
        if (shared.isEmpty()) {
            System.out.println(SKIP_REASON);
            kaggle = Optional.empty();
            return kaggle;
        }
        Path cache = Paths.get("target", "lgg-cache").toAbsolutePath();
        try {
            Files.createDirectories(cache);
            Path log = cache.resolve("unpack.log");
            Process p = new ProcessBuilder(
                            List.of("bash", shared.get().resolve("unpack.sh").toString(), cache.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(
                        "unpack.sh " + cache + " failed with exit code " + rc + ": " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack the real LGG data into " + cache + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking the real LGG data", e);
        }
        kaggle = Optional.of(cache.resolve(LggDataset.KAGGLE_FOLDER));
        return kaggle;
    }
}
