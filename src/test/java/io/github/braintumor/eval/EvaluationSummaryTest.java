package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The record's keys against the golden {@code summary.json} files ({@link SummaryJsonGoldenTest}). */
class EvaluationSummaryTest {

    private static final EvaluationSummary.Segmentation SCORES =
            new EvaluationSummary.Segmentation(0.5, 0.5, 0.4, 0.6, 0.7, 0.3, 0.99, 0.0, 0);

    @Test
    void keysAreThoseOfSummaryJsonInOrderWithRobustnessOnlyWhenGiven() throws IOException {
        EvaluationSummary plain = summary();
        assertFalse(plain.toMap().containsKey("robustness"));
        Map<String, Object> golden = golden("predictions-classifier.json");
        assertEquals(List.copyOf(golden.keySet()), List.copyOf(plain.toMap().keySet()));

        EvaluationSummary.RobustnessRow row =
                EvaluationSummary.RobustnessRow.of(new InputCondition("darker", ModalityPattern.COMPLETE, 0.5), plain);
        EvaluationSummary compared = plain.withRobustness(List.of(row));
        Map<String, Object> withRows = golden("segmentation-robustness.json");
        assertEquals(
                List.copyOf(withRows.keySet()), List.copyOf(compared.toMap().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> goldenRow = ((List<Map<String, Object>>) withRows.get("robustness")).get(0);
        assertEquals(List.copyOf(goldenRow.keySet()), List.copyOf(row.toMap().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> goldenVariant =
                (Map<String, Object>) ((Map<String, Object>) withRows.get("variants")).get("raw");
        assertEquals(List.copyOf(goldenVariant.keySet()), EvaluationSummary.Segmentation.KEYS);
        assertEquals(
                List.copyOf(golden("classifier-alone.json").keySet()),
                List.copyOf(plain.toMap().keySet()));
    }

    @Test
    void nanIsRefusedNamingTheKey() {
        EvaluationSummary.Segmentation nan =
                new EvaluationSummary.Segmentation(Double.NaN, null, null, null, null, null, null, null, null);
        Map<String, EvaluationSummary.Segmentation> variants = new LinkedHashMap<>();
        variants.put("raw", nan);
        EvaluationSummary s = new EvaluationSummary(
                1, 1, 0, 0.5, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                1.0, 1.0, null, null, null, options(), null, variants);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::toJson);
        assertTrue(e.getMessage().contains("$.variants.raw.dice_per_patient_mean"), e.getMessage());
    }

    private static EvaluationSummary summary() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("unet", Map.of("name", "in-memory"));
        model.put("classifier", null);
        model.put("predictions", null);
        return new EvaluationSummary(
                2,
                6,
                3L,
                0.5,
                0.5,
                0.5,
                0.4,
                0.6,
                0.7,
                0.3,
                0.99,
                0.0,
                0.1,
                null,
                null,
                null,
                null,
                null,
                0.8,
                1.5,
                4.0,
                0.45,
                0.66,
                model,
                options(),
                null,
                Map.of("raw", SCORES));
    }

    private static EvaluationSummary.Options options() {
        return new EvaluationSummary.Options(false, false, 0, "/data", "as-is");
    }

    private static Map<String, Object> golden(String name) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(EvaluationSummaryTest.class.getResourceAsStream("golden/" + name), name)) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
