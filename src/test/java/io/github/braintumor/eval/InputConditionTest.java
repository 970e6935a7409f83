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

    @Test
    void storageConditionsReStoreTheVolumeAndReadItBackAsAUsersScan() {
        assertEquals(
                List.of("as-is", "16bit-linear", "16bit-gamma"),
                InputCondition.parse("", "", "8bit,16bit-linear,16bit-gamma").stream()
                        .map(InputCondition::name)
                        .toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputCondition.parse("", "", "12bit"))
                .getMessage()
                .contains("'12bit'"));
        // two slices whose channels together span 0..255: the linear 16-bit copy reads back byte for byte
        java.util.Random rng = new java.util.Random(5);
        List<SliceImage> volume = new java.util.ArrayList<>();
        for (int z = 0; z < 2; z++) {
            byte[] px = new byte[3 * 16];
            for (int i = 0; i < px.length; i++) px[i] = (byte) rng.nextInt(256);
            for (int c = 0; c < 3; c++) {
                px[c * 16 + z] = (byte) (z == 0 ? 0 : 255);
            }
            volume.add(new SliceImage(4, 4, 3, px));
        }
        InputCondition linear = InputCondition.of(InputCondition.Storage.LINEAR_16);
        assertEquals(volume, linear.store(volume));
        assertSame(volume, InputCondition.AS_IS.store(volume));
        List<SliceImage> gamma =
                InputCondition.of(InputCondition.Storage.GAMMA_16).store(volume);
        assertEquals(volume.size(), gamma.size());
        int moved = 0;
        for (int z = 0; z < 2; z++) {
            byte[] a = volume.get(z).pixels(), b = gamma.get(z).pixels();
            for (int i = 0; i < a.length; i++) {
                assertTrue((b[i] & 0xFF) >= (a[i] & 0xFF), "gamma 0.8 brightens the mid-tones");
                if (a[i] != b[i]) moved++;
            }
        }
        assertTrue(moved > 0);
    }

    @Test
    void theUpsampledCopyIsTwiceTheSizeAndItsTruthFollows() {
        byte[] px = new byte[3 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 20);
        InputCondition big = InputCondition.parse("", "", "512").get(0);
        SliceImage s = big.store(List.of(new SliceImage(2, 2, 3, px))).get(0);
        assertEquals(4, s.width());
        assertEquals(4, s.height());
        assertEquals(px[0] & 0xFF, s.unsigned(0, 0, 0), "corners keep their value (edge-clamped bilinear)");
        io.github.braintumor.data.SliceMask m =
                big.storeMask(new io.github.braintumor.data.SliceMask(2, 2, new byte[] {1, 0, 0, 1}));
        assertEquals(16, m.pixels().length);
        assertEquals(1, m.pixels()[0]);
        assertEquals(1, m.pixels()[5]);
        assertEquals(0, m.pixels()[2]);
        assertEquals(1, m.pixels()[15]);
    }

    @Test
    void theHalfRowsCopyAveragesRowPairsAndItsTruthKeepsEveryOtherRow() {
        byte[] px = new byte[3 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 20);
        InputCondition half = InputCondition.parse("", "", "half-rows").get(0);
        SliceImage s = half.store(List.of(new SliceImage(2, 2, 3, px))).get(0);
        assertEquals(2, s.width());
        assertEquals(1, s.height());
        assertEquals((0 + 40 + 1) / 2, s.unsigned(0, 0, 0));
        io.github.braintumor.data.SliceMask m =
                half.storeMask(new io.github.braintumor.data.SliceMask(2, 2, new byte[] {1, 0, 0, 1}));
        assertEquals(2, m.pixels().length);
        assertEquals(1, m.pixels()[0]);
        assertEquals(0, m.pixels()[1]);
    }
}
