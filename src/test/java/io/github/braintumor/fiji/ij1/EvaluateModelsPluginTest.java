package io.github.braintumor.fiji.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvaluateModelsPluginTest {
    @Test
    void sciJavaBooleansBecomeImageJ1BareWords() {
        assertEquals(
                "data=[/a b] lcc minarea=3 writethreshold",
                io.github.braintumor.fiji.MacroOptions.bareBooleans(
                        "data=[/a b] lcc=true tta=false minarea=3 writethreshold=true",
                        "lcc",
                        "tta",
                        "writethreshold"));
    }

    @Test
    void bareWordsAndOtherKeysStayAsTheyAre() {
        assertEquals(
                "tta data=[/lcc=true/x] output=/o",
                io.github.braintumor.fiji.MacroOptions.bareBooleans("tta data=[/lcc=true/x] output=/o", "lcc", "tta"));
    }
}
