package io.github.braintumor.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void fromIdFindsBothAndIdsAreStable() {
        assertSame(Normalization.DIVIDE_BY_255, Normalization.fromId("divide255"));
        assertSame(Normalization.PERCENTILE_ZSCORE, Normalization.fromId("percentile-zscore"));
        assertEquals("divide255", Normalization.DIVIDE_BY_255.id());
        assertEquals("percentile-zscore", Normalization.PERCENTILE_ZSCORE.id());
    }

    @Test
    void fromIdErrorListsKnownIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("zscore"));
        assertEquals(
                "Unknown normalization 'zscore'; known: divide255, percentile-zscore (and, per slice,"
                        + " scale-linear:GAIN:OFFSET, zero-mean-unit-variance[-joint], scale-range[-joint]:PMIN:PMAX, clip:MIN:MAX, chain:STEP;STEP)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("scale-linear:x:0"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("scale-range:50:10"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId(null));
    }

    @Test
    void perSliceNormalisationsOfImportedModels() {
        float[] batch = {0, 2, 4, 10, 10, 10}; // 2 slices, 1 channel, 3 pixels
        Normalization.fromId(Normalization.linearId(0.5, -1)).normalizeBatch(batch, 2, 1);
        assertArrayEquals(new float[] {-1, 0, 1, 4, 4, 4}, batch, 1e-6f);
        float[] z = {1, 2, 3, 5, 5, 5};
        Normalization.fromId("zero-mean-unit-variance").normalizeBatch(z, 2, 1); // each slice on its own
        float s = (float) (1 / (Math.sqrt(2.0 / 3) + 1e-6));
        assertArrayEquals(new float[] {-s, 0, s, 0, 0, 0}, z, 1e-5f);
        float[] joint = {0, 0, 2, 2}; // 1 slice, 2 channels of 2 pixels: per channel all 0, jointly +-1
        Normalization.fromId("zero-mean-unit-variance-joint").normalizeBatch(joint, 1, 2);
        assertArrayEquals(new float[] {-1, -1, 1, 1}, joint, 1e-5f);
        float[] r = {0, 5, 10};
        Normalization.fromId(Normalization.rangeId(0, 100)).normalizeVolume(new float[][] {r}, 1);
        assertArrayEquals(new float[] {0, 0.5f, 1}, r, 1e-5f);
        assertEquals("scale-linear:0.5:-1", Normalization.linearId(0.5, -1));
        assertEquals("scale-range:1:99.8", Normalization.rangeId(1, 99.8));
    }

    @Test
    void aChainTakesEveryStatisticFromTheSliceAsItEnteredAsBioimageIosReferenceRunnerDoes() {
        String id = Normalization.chainId(List.of(Normalization.linearId(2, 0), Normalization.ZERO_MEAN_UNIT_VARIANCE));
        assertEquals("chain:scale-linear:2:0;zero-mean-unit-variance", id);
        float[] slice = {1, 2, 3, 6}; // one slice, one channel: raw mean 3, population std sqrt(3.5)
        Normalization.fromId(id).normalizeBatch(slice, 1, 1);
        double std = Math.sqrt(3.5);
        // (2v - 3) / (std + 1e-6), not the z-score of 2v (which would be the plain z-score of v)
        assertArrayEquals(
                new float[] {
                    (float) (-1 / (std + 1e-6)),
                    (float) (1 / (std + 1e-6)),
                    (float) (3 / (std + 1e-6)),
                    (float) (9 / (std + 1e-6))
                },
                slice,
                1e-6f);
        float[] clipped = {-5, 0.5f, 7, 2};
        Normalization.fromId(Normalization.chainId(
                        List.of(Normalization.rangeId(0, 100, true), Normalization.clipId(0, 0.5))))
                .normalizeBatch(clipped, 1, 1);
        // range over all values (-5..7), then clip at 0.5
        assertArrayEquals(new float[] {0, 0.4583333f, 0.5f, 0.5f}, clipped, 1e-5f);
        assertEquals("clip:-Infinity:1", Normalization.clipId(Double.NEGATIVE_INFINITY, 1));
        assertEquals(
                "clip:-Infinity:1", Normalization.fromId("clip:-Infinity:1").id());
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("chain:clip:0:1"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromId("chain:clip:0:1;nonsense"));
    }

    @Test
    void divideBy255() {
        float[][] v = {{0, 51, 255}, {255, 0, 102}};
        Normalization.DIVIDE_BY_255.normalizeVolume(v, 1);
        assertArrayEquals(new float[] {0f, 0.2f, 1f}, v[0], 1e-7f);
        assertArrayEquals(new float[] {1f, 0f, 0.4f}, v[1], 1e-7f);
    }

    /**
     * Two slices, two channels, three pixels. Sorted values 0 5 10 20 30 40 100 150 200 220 250 255:
     * p10 at position 1.1 = 5.5, p99 at position 10.89 = 250 + 0.89 * 5 = 254.45 (shared by both channels).
     * Expected values from Buda's normalize_volume in numpy (np.percentile, clip, mean/std per channel).
     */
    @Test
    void percentileZscoreMatchesBuda() {
        float[][] v = {{0, 10, 20, 200, 220, 255}, {5, 30, 40, 100, 150, 250}};
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(v, 2);
        assertArrayEquals(
                new float[] {-1.00347f, -0.6561148f, 0.115785f, 0.07719914f, 0.4397782f, 1.064321f}, v[0], 2e-6f);
        assertArrayEquals(
                new float[] {-1.00347f, 0.8876847f, 1.659584f, -1.735696f, -0.8292486f, 0.9836469f}, v[1], 2e-6f);
    }

    /**
     * 101 values, 51 zeros and 50 hundreds: p10 = 0, p99 = 100, so the rescaled values are 0 and 1 with
     * mean p = 50/101 and std sqrt(p (1 - p)): zeros become -sqrt(50/51), hundreds sqrt(51/50).
     */
    @Test
    void percentileZscoreTwoLevelsByHand() {
        float[] v = new float[101];
        for (int i = 51; i < 101; i++) {
            v[i] = 100;
        }
        float[][] volume = {v};
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(volume, 1);
        assertEquals(-Math.sqrt(50.0 / 51), v[0], 1e-6);
        assertEquals(Math.sqrt(51.0 / 50), v[100], 1e-6);
    }

    /** 0..100: p10 = 10, p99 = 99; values at or below 10 and at or above 99 are clipped together. */
    @Test
    void percentileZscoreClipsOutliers() {
        float[] v = new float[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = i;
        }
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(new float[][] {v}, 1);
        assertEquals(v[10], v[0]);
        assertEquals(v[99], v[100]);
        assertTrue(v[11] > v[10] && v[98] < v[99]);
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        assertEquals(0, mean / v.length, 1e-6);
    }

    @Test
    void constantVolumeGivesZerosNotNaN() {
        float[][] v = {{7, 7, 7, 7}};
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(v, 2);
        assertArrayEquals(new float[4], v[0]);
    }

    @Test
    void batchAndVolumeLayoutsAgree() {
        Random r = new Random(7);
        int slices = 3;
        int channels = 3;
        int plane = 20;
        float[][] volume = new float[slices][channels * plane];
        float[] flat = new float[slices * channels * plane];
        for (int s = 0; s < slices; s++) {
            for (int i = 0; i < channels * plane; i++) {
                volume[s][i] = r.nextInt(256);
                flat[s * channels * plane + i] = volume[s][i];
            }
        }
        for (Normalization n : Normalization.known()) {
            float[][] v = {volume[0].clone(), volume[1].clone(), volume[2].clone()};
            float[] f = flat.clone();
            n.normalizeVolume(v, channels);
            n.normalizeBatch(f, slices, channels);
            for (int s = 0; s < slices; s++) {
                float[] part = java.util.Arrays.copyOfRange(f, s * channels * plane, (s + 1) * channels * plane);
                assertArrayEquals(v[s], part, n.id());
            }
        }
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Normalization.DIVIDE_BY_255.normalizeVolume(new float[][] {{1, 2, 3}}, 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> Normalization.DIVIDE_BY_255.normalizeVolume(new float[][] {{1, 2}, {1}}, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> Normalization.PERCENTILE_ZSCORE.normalizeBatch(new float[5], 2, 1));
    }
}
