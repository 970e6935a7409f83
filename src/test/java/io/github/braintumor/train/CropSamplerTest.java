package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.model.LearningCurve;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CropSamplerTest {
    private static float[] ramp(int c, int h, int w) {
        float[] f = new float[c * h * w];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        return f;
    }

    @Test
    void plainCropIsAnExactCopy() {
        float[] src = ramp(2, 8, 8);
        float[] out = new float[2 * 4 * 4];
        CropSampler.sample(src, 2, 8, 8, CropSampler.Transform.plain(3, 2, 4), 4, out, 0, false);
        assertEquals(src[3 * 8 + 2], out[0]);
        assertEquals(src[64 + 6 * 8 + 5], out[16 + 15]);
    }

    @Test
    void flipMirrorsColumnsAndMasksStayBinary() {
        float[] src = ramp(1, 4, 4);
        float[] out = new float[16];
        CropSampler.sample(src, 1, 4, 4, new CropSampler.Transform(1.5, 1.5, 0, 1, true), 4, out, 0, false);
        assertArrayEquals(new float[] {3, 2, 1, 0}, Arrays.copyOfRange(out, 0, 4));
        float[] mask = new float[64 * 64];
        for (int y = 20; y < 40; y++) {
            for (int x = 20; x < 40; x++) {
                mask[y * 64 + x] = 1;
            }
        }
        float[] m = new float[32 * 32];
        CropSampler.Transform t = CropSampler.Transform.plain(16, 16, 32).augmented(new Random(1), 10, 0.1);
        CropSampler.sample(mask, 1, 64, 64, t, 32, m, 0, true);
        float sum = 0;
        for (float v : m) {
            assertTrue(v == 0 || v == 1, "nearest keeps masks binary: " + v);
            sum += v;
        }
        assertTrue(sum > 200 && sum < 600, "rotated/scaled square keeps roughly its area: " + sum);
    }

    @Test
    void learningCurveRoundTripsAndConfigRejectsBadValues(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        LearningCurve c = new LearningCurve();
        c.add(new LearningCurve.Row(1, 0.9, 0.8, 0.25, 1e-3, 12.5));
        c.add(new LearningCurve.Row(2, 0.7, 0.6, 0.5, 5e-4, 11.0));
        Path csv = dir.resolve("curve.csv");
        c.writeCsv(csv);
        LearningCurve back = LearningCurve.readCsv(csv);
        assertEquals(2, back.rows().size());
        assertEquals(0.5, back.rows().get(1).valMetric(), 1e-9);
        assertEquals(1, back.upTo(1).rows().size());
        IllegalArgumentException crop = assertThrows(
                IllegalArgumentException.class, () -> TrainingConfig.builder().optCropSize(100));
        assertTrue(crop.getMessage().contains("100"), crop.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> TrainingConfig.builder().optTumourFraction(1.5));
    }
}
