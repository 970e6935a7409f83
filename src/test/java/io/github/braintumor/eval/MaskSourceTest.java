package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 29: where an evaluation's masks come from is one value, and two sources are refused. */
class MaskSourceTest {
    @Test
    void aRequestSaysWhereItsMasksComeFromAndRefusesTwoSources() {
        Path unet = Path.of("models/unet");
        Path predicted = Path.of("segment-out");
        assertEquals(
                new MaskSource.UnetBundle(unet),
                EvaluationRequest.builder().optUnet(unet).build().masks());
        assertEquals(
                new MaskSource.Predictions(predicted),
                EvaluationRequest.builder().optPredictions(predicted).build().masks());
        assertNull(EvaluationRequest.builder()
                .optClassifier(Path.of("cnn"))
                .build()
                .masks());
        IllegalArgumentException both = assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationRequest.builder()
                        .optUnet(unet)
                        .optPredictions(predicted)
                        .build()
                        .masks());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void onlyAModelCanRunAgain() {
        assertTrue(new MaskSource.UnetBundle(Path.of("u")).rerunnable());
        assertTrue(new MaskSource.InMemory((slices, cancel) -> null, "m").rerunnable());
        assertFalse(new MaskSource.Predictions(Path.of("p")).rerunnable());
    }
}
