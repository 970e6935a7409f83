package io.github.braintumor.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.SliceImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resampling switch: one refusal line when off, the table's value and the log note when on. */
class ResampleChoiceTest {
    private static SliceImage blank(int w, int h) {
        return new SliceImage(w, h, 3, new byte[3 * w * h]);
    }

    @Test
    void offRefusesAnotherSizeInOneLineNamingBothSizesAndWhatToDo() {
        ResampleChoice off = new ResampleChoice(false, 1.0);
        assertDoesNotThrow(() -> off.check(List.of(blank(256, 256)), 256));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> off.check(List.of(blank(256, 256), blank(512, 512), blank(512, 512)), 256));
        assertEquals(
                "2 slice(s) are 512x512 but the model's input is 256x256 and resampling is off: switch"
                        + " resampling on (Fiji: the resample check box; CLI: leave out --no-resample) or scale the images"
                        + " to 256x256 first",
                e.getMessage());
        assertDoesNotThrow(() -> ResampleChoice.DEFAULT.check(List.of(blank(512, 512)), 256));
    }

    @Test
    void degenerateImagesAreRefusedWhetherResamplingIsOnOrOff() {
        for (ResampleChoice choice : List.of(ResampleChoice.DEFAULT, new ResampleChoice(false, 1.0))) {
            for (SliceImage bad : List.of(blank(1, 1), blank(800, 1), blank(256, 15), blank(16, 200))) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> choice.check(List.of(bad), 256));
                assertTrue(e.getMessage().startsWith("slice of " + bad.width() + "x" + bad.height()), e.getMessage());
            }
        }
        assertDoesNotThrow(() -> ResampleChoice.DEFAULT.check(List.of(blank(512, 256), blank(16, 128)), 256));
    }

    @Test
    void describesEachSliceAndTheLogSaysItOnce() {
        ResampleChoice aniso = ResampleChoice.of(true, 0.5, 1.0);
        assertEquals(0.5, aniso.pixelAspect());
        assertEquals("256x256 -> 128x256 (padded to 256x256)", aniso.describe(blank(256, 256), 256));
        assertEquals("512x512 -> 256x256", ResampleChoice.DEFAULT.describe(blank(512, 512), 256));
        assertEquals("", ResampleChoice.DEFAULT.describe(blank(256, 256), 256));
        assertEquals("", new ResampleChoice(false, 0.5).describe(blank(256, 256), 256), "off: aspect ignored");
        assertEquals(1.0, ResampleChoice.of(true, 0.7, 0.7).pixelAspect());
        assertEquals(
                "resampled 1 slice(s) of 512x512 to the model's 256x256 input, and the result back (bilinear)",
                ResampleChoice.DEFAULT
                        .note(List.of(blank(512, 512), blank(256, 256)), 256)
                        .orElseThrow());
        assertFalse(ResampleChoice.DEFAULT.note(List.of(blank(256, 256)), 256).isPresent());
        String note = aniso.note(List.of(blank(256, 256)), 256).orElseThrow();
        assertTrue(note.contains("1 slice(s) of 256x256 with pixels 0.5000 times as wide as tall"), note);
        assertTrue(note.contains("physical proportions"), note);
    }
}
