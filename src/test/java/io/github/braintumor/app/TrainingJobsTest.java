package io.github.braintumor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Settings of the training commands that are easy to get wrong. */
class TrainingJobsTest {
    private static TrainingJobs.Settings withCrop(int crop) {
        return new TrainingJobs.Settings(Path.of("data"), Path.of("out"), 1, 1, 1e-3, crop, 1, 0);
    }

    @Test
    void cropZeroMeansWholeSlicesAndOtherwiseTheGivenSide() {
        assertEquals(256, TrainingJobs.cropSize(withCrop(0)));
        assertEquals(128, TrainingJobs.cropSize(withCrop(128)));
    }
}
