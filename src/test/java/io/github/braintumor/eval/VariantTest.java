package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantTest {

    @Test
    void comparesEveryStepOnAndOffRawFirstRequestedLast() {
        List<String> names =
                Variant.compared(true, true, 20).stream().map(Variant::name).toList();
        assertEquals(8, names.size());
        assertEquals("raw", names.get(0));
        assertEquals("tta+lcc+min_area_20", names.get(7));
        assertEquals(
                List.of("raw"),
                Variant.compared(false, false, 0).stream().map(Variant::name).toList());
    }

    @Test
    void withProbabilitiesEachLargestComponentVariantIsAlsoMeasuredByConfidence() {
        List<String> names = Variant.compared(true, true, 0, true).stream()
                .map(Variant::name)
                .toList();
        assertEquals(
                List.of("raw", "lcc_rel", "lcc_conf", "lcc", "tta", "tta+lcc_rel", "tta+lcc_conf", "tta+lcc"), names);
    }

    @Test
    void theRequestedRuleIsLastAndTheOthersComeJustBeforeIt() {
        List<Variant> v = Variant.compared(true, true, 0, true, "relative");
        assertEquals("tta+lcc_rel", v.get(v.size() - 1).name());
        assertEquals(
                List.of("raw", "lcc_conf", "lcc", "lcc_rel", "tta", "tta+lcc_conf", "tta+lcc", "tta+lcc_rel"),
                v.stream().map(Variant::name).toList());
        // masks read from files have no probabilities: size only
        assertEquals(
                List.of("raw", "lcc"),
                Variant.compared(false, true, 0, false, "relative").stream()
                        .map(Variant::name)
                        .toList());
    }
}
