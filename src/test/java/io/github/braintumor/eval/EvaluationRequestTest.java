package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationRequestTest {
    @Test
    void defaultsAreNothingGiven() {
        EvaluationRequest r = EvaluationRequest.builder().optConditions(null).build();
        assertNull(r.data());
        assertNull(r.unet());
        assertNull(r.threshold());
        assertFalse(r.lcc() || r.tta() || r.writeThreshold() || r.writePostprocessing());
        assertEquals(0, r.minArea());
        assertEquals(List.of(), r.conditions());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        List<InputCondition> conditions = InputCondition.parse("as-is,flair-only", "");
        EvaluationRequest r = EvaluationRequest.builder()
                .setData(Path.of("d"))
                .setOutput(Path.of("o"))
                .optUnet(Path.of("u"))
                .optClassifier(Path.of("c"))
                .optThreshold(0.4)
                .optLargestComponent(true)
                .optTta(true)
                .optMinimumArea(7)
                .optPatients("A,B")
                .optPredictions(Path.of("p"))
                .optWriteThreshold(true)
                .optWritePostprocessing(true)
                .optConditions(conditions)
                .build();
        EvaluationRequest copy = r.toBuilder().build();
        assertEquals(
                List.of(Path.of("d"), Path.of("o"), Path.of("u"), Path.of("c"), Path.of("p")),
                List.of(copy.data(), copy.output(), copy.unet(), copy.classifier(), copy.predictions()));
        assertEquals(0.4, copy.threshold());
        assertTrue(copy.lcc() && copy.tta() && copy.writeThreshold() && copy.writePostprocessing());
        assertEquals(7, copy.minArea());
        assertEquals("A,B", copy.patients());
        assertEquals(conditions, copy.conditions());
    }
}
