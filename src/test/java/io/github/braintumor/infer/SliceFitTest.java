package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How slices reach the network's square input and come back: square pixels as before, others by aspect. */
class SliceFitTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) r.nextDouble(255);
        return f;
    }

    @Test
    void squarePixelsTakeTodaysPathNumberForNumber() {
        float[] chw = random(3 * 512 * 512, 1);
        SliceFit fit = SliceFit.of(512, 512, 256, 1.0);
        assertFalse(fit.padded());
        assertEquals("512x512 -> 256x256", fit.describe());
        assertArrayEquals(Resampling.bilinear(chw, 3, 512, 512, 256, 256), fit.toInput(chw, 3));
        float[] out = random(256 * 256, 2);
        assertArrayEquals(Resampling.bilinear(out, 1, 256, 256, 512, 512), fit.fromOutput(out, 256));
        SliceFit same = SliceFit.of(256, 256, 256, Double.NaN);
        assertTrue(same.identity());
        assertEquals("", same.describe());
        float[] model = random(3 * 256 * 256, 3);
        assertSame(model, same.toInput(model, 3), "a slice of the model's size goes as it is");
    }

    @Test
    void pixelsHalfAsWideKeepTheFieldOfViewsProportionsPaddedWithZeros() {
        SliceFit fit = SliceFit.of(256, 256, 256, 0.5); // 128 x 256 physical units
        assertEquals(new SliceFit(256, 256, 256, 64, 0, 128, 256), fit);
        assertEquals("256x256 -> 128x256 (padded to 256x256)", fit.describe());
        float[] ones = new float[3 * 256 * 256];
        java.util.Arrays.fill(ones, 200f);
        float[] in = fit.toInput(ones, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 256; y += 17) {
                for (int x = 0; x < 256; x++) {
                    float expected = x >= 64 && x < 192 ? 200f : 0f;
                    assertEquals(expected, in[c * 256 * 256 + y * 256 + x], 1e-4, "c" + c + " y" + y + " x" + x);
                }
            }
        }
        // 512 x 256 pixels twice as wide as tall: 1024 x 256 physical -> 256 x 64 in the middle rows
        assertEquals(new SliceFit(512, 256, 256, 0, 96, 256, 64), SliceFit.of(512, 256, 256, 2.0));
    }

    @Test
    void theAnswerComesBackFromTheSlicesRegionOnlyOntoItsOwnGrid() {
        SliceFit fit = SliceFit.of(300, 200, 256, 1.5); // 450 x 200 physical -> 256 x 114
        assertEquals(256, fit.fitWidth());
        assertEquals(114, fit.fitHeight());
        float[] out = new float[256 * 256];
        // the network says 1 in the left half of the slice's region, 0 in its right half, 9 in the padding
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                boolean inside = y >= fit.y() && y < fit.y() + fit.fitHeight();
                out[y * 256 + x] = !inside ? 9f : x < 128 ? 1f : 0f;
            }
        }
        float[] back = fit.fromOutput(out, 256);
        assertEquals(300 * 200, back.length);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                float v = back[y * 300 + x];
                assertTrue(v >= 0 && v <= 1, "padding leaked in at " + x + "," + y + ": " + v);
                if (x < 148) assertEquals(1f, v, 1e-6, "left half at " + x + "," + y);
                if (x >= 152) assertEquals(0f, v, 1e-6, "right half at " + x + "," + y);
            }
        }
        // a model that sees a downscaled input answers at 128: the same region, scaled first
        float[] half = Resampling.average(out, 1, 256, 256, 2);
        float[] fromHalf = fit.fromOutput(half, 128);
        assertEquals(1f, fromHalf[100 * 300 + 10], 1e-6);
        assertEquals(0f, fromHalf[100 * 300 + 290], 1e-6);
    }

    @Test
    void optionsHonourTheAspectOnlyWithResizingOn() {
        InferenceOptions on =
                InferenceOptions.builder().optResize(true).optPixelAspect(0.5).build();
        InferenceOptions off =
                InferenceOptions.builder().optResize(false).optPixelAspect(0.5).build();
        assertTrue(on.fit(256, 256, 256).padded());
        assertTrue(off.fit(256, 256, 256).identity());
        assertEquals(
                1.0,
                InferenceOptions.builder().optPixelAspect(Double.NaN).build().pixelAspect());
    }
}
