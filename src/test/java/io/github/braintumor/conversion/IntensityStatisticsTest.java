package io.github.braintumor.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntensityStatisticsTest {
    /** A 3-channel 8-bit volume: dark background, brighter brain, different per channel. */
    private static int[][] volume(long seed, int slices, int plane) {
        Random r = new Random(seed);
        int[][] v = new int[slices][3 * plane];
        for (int s = 0; s < slices; s++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    v[s][c * plane + i] = i % 3 == 0 ? 0 : Math.min(255, 20 + 40 * c + r.nextInt(120));
                }
            }
        }
        return v;
    }

    @Test
    void histogramStatisticsNormaliseExactlyAsTheValuesDo() {
        int plane = 50;
        int[][] v = volume(3, 4, plane);
        float[][] floats = new float[v.length][];
        long[][] histogram = new long[3][256];
        for (int s = 0; s < v.length; s++) {
            floats[s] = new float[v[s].length];
            for (int i = 0; i < v[s].length; i++) {
                floats[s][i] = v[s][i];
                histogram[i / plane][v[s][i]]++;
            }
        }
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(floats, 3);
        float[][] lut = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), histogram)
                .lookupTables();
        for (int s = 0; s < v.length; s++) {
            for (int i = 0; i < v[s].length; i++) {
                assertEquals(floats[s][i], lut[i / plane][v[s][i]], 1e-5, "slice " + s + " value " + i);
            }
        }
    }

    @Test
    void eightBitVolumesAreCountedAndGiveWhatSortingGives() {
        int plane = 64;
        int[][] v = volume(5, 6, plane);
        float[][] floats = new float[v.length][];
        for (int s = 0; s < v.length; s++) {
            floats[s] = new float[v[s].length];
            for (int i = 0; i < v[s].length; i++) floats[s][i] = v[s][i];
        }
        IntensityStatistics counted = IntensityStatistics.of(ChannelPlanes.ofSlices(floats, 3));
        IntensityStatistics sorted = IntensityStatistics.ofSortedValues(ChannelPlanes.ofSlices(floats, 3));
        assertEquals(sorted.p10(), counted.p10(), 0);
        assertEquals(sorted.p99(), counted.p99(), 0);
        for (int c = 0; c < 3; c++) {
            assertEquals(sorted.mean()[c], counted.mean()[c], 1e-12);
            assertEquals(sorted.std()[c], counted.std()[c], 1e-12);
        }
        assertTrue(sorted.p99() > sorted.p10(), "a volume with a range");
        // a value that is not an 8-bit level sends the whole volume down the sorting path
        floats[2][7] = 100.5f;
        IntensityStatistics mixed = IntensityStatistics.of(ChannelPlanes.ofSlices(floats, 3));
        IntensityStatistics mixedSorted = IntensityStatistics.ofSortedValues(ChannelPlanes.ofSlices(floats, 3));
        assertEquals(mixedSorted.mean()[0], mixed.mean()[0], 0);
        assertEquals(mixedSorted.std()[0], mixed.std()[0], 0);
    }

    @Test
    void equalChannelsGiveEqualFiniteChannels() {
        long[][] histogram = new long[3][256];
        for (int v = 0; v < 200; v++) {
            for (int c = 0; c < 3; c++) histogram[c][v] = 1 + v % 7; // FLAIR copied into every channel
        }
        float[][] lut = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), histogram)
                .lookupTables();
        for (int v = 0; v < 256; v++) {
            assertTrue(Float.isFinite(lut[0][v]));
            assertEquals(lut[1][v], lut[0][v], 0);
            assertEquals(lut[1][v], lut[2][v], 0);
        }
    }

    @Test
    void aConstantVolumeNormalisesToZeroInsteadOfNaN() {
        long[][] histogram = new long[3][256];
        for (int c = 0; c < 3; c++) histogram[c][0] = 100;
        IntensityStatistics s = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), histogram);
        assertEquals(0f, s.normalize(0, 1), 0);
        assertEquals(0f, s.normalize(255, 2), 0);
    }

    @Test
    void aDarkerScannerGivesAlmostTheSameInput() {
        // per-volume normalisation is what makes a dark volume look like a normal one to the network
        int plane = 400;
        int[][] v = volume(5, 3, plane);
        long[][] normal = new long[3][256];
        long[][] dark = new long[3][256];
        for (int[] slice : v) {
            for (int i = 0; i < slice.length; i++) {
                normal[i / plane][slice[i]]++;
                dark[i / plane][Math.round(slice[i] * 0.4f)]++;
            }
        }
        IntensityStatistics n = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), normal);
        IntensityStatistics d = IntensityStatistics.ofLevels(IntensityStatistics.byteLevels(3), dark);
        double maxDiff = 0;
        for (int[] slice : v) {
            for (int i = 0; i < slice.length; i++) {
                int c = i / plane;
                maxDiff = Math.max(
                        maxDiff, Math.abs(n.normalize(slice[i], c) - d.normalize(Math.round(slice[i] * 0.4f), c)));
            }
        }
        assertTrue(
                maxDiff < 0.1,
                "normalised inputs differ by " + maxDiff + " (divide by 255 would differ by ~0.6 of the range)");
    }
}
