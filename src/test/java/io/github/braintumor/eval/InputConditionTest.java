package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputConditionTest {
    @Test
    void parsesModalitiesAndBrightnessIntoDistinctConditions() {
        List<InputCondition> c = InputCondition.parse("as-is, flair-only,no-post,no-pre,as-is", "0.4,1.6,1");
        assertEquals(
                List.of("as-is", "flair-only", "no-post", "no-pre", "brightness-0.4", "brightness-1.6"),
                c.stream().map(InputCondition::name).toList());
        assertTrue(InputCondition.parse("", null).isEmpty());
    }

    @Test
    void badValuesNameThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputCondition.parse("t1", ""))
                .getMessage()
                .contains("'t1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputCondition.parse("", "dark"))
                .getMessage()
                .contains("'dark'"));
        assertThrows(IllegalArgumentException.class, () -> InputCondition.parse("", "-1"));
    }

    @Test
    void appliesThePatternThenTheBrightnessClippedAt255() {
        byte[] px = new byte[12];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 20 + 10);
        SliceImage s = new SliceImage(2, 2, 3, px);
        assertSame(s, InputCondition.AS_IS.apply(s));
        SliceImage flair = InputCondition.of(ModalityPattern.FLAIR_ONLY).apply(s);
        assertEquals(ModalityPattern.FLAIR_ONLY, ModalityPattern.of(flair));
        SliceImage bright = InputCondition.brightness(1.6).apply(s);
        assertEquals(Math.round(10 * 1.6), bright.unsigned(0, 0, 0));
        assertEquals(255, bright.unsigned(2, 1, 1), "230 * 1.6 clips at 255");
        SliceImage dark = InputCondition.brightness(0.4).apply(s);
        assertEquals(Math.round(230 * 0.4), dark.unsigned(2, 1, 1));
    }
}
