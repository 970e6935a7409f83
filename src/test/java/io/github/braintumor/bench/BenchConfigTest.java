package io.github.braintumor.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchConfigTest {
    @Test
    void defaultsCompareWithThePeer() {
        BenchConfig c = BenchConfig.builder().build();
        assertEquals(32, c.features());
        assertEquals(256, c.size());
        assertEquals(16, c.stackFeatures());
        assertEquals(1000, c.flatSlices());
        assertArrayEquals(new int[] {2, 7}, c.plan("unet", "b1"));
        assertArrayEquals(new int[] {3, 10}, c.plan("cnn", "train"));
    }

    @Test
    void quickIsOneRunWithoutWarmup() {
        assertArrayEquals(
                new int[] {0, 1}, BenchConfig.builder().optQuick(true).build().plan("unet", "b8"));
    }

    @Test
    void badValuesAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BenchConfig.builder().optFlatSlices(150).build());
        assertTrue(e.getMessage().contains("150"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchConfig.builder().optSize(100).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchConfig.builder().optThreads(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchConfig.builder().optFeatures(0).build());
    }
}
