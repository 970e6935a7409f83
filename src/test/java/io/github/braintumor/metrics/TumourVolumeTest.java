package io.github.braintumor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class TumourVolumeTest {
    private static SliceImage image(int pre, int flair, int post) {
        byte[] px = new byte[12];
        for (int i = 0; i < 4; i++) {
            px[i] = (byte) pre;
            px[4 + i] = (byte) flair;
            px[8 + i] = (byte) post;
        }
        return new SliceImage(2, 2, 3, px);
    }

    @Test
    void volumeSlicesLargestSliceAndIntensitiesInsideTheTumour() {
        List<SliceMask> masks = List.of(
                new SliceMask(2, 2, new byte[] {0, 0, 0, 0}),
                new SliceMask(2, 2, new byte[] {1, 1, 0, 0}),
                new SliceMask(2, 2, new byte[] {1, 1, 1, 0}));
        List<SliceImage> images = List.of(image(1, 2, 3), image(10, 200, 30), image(20, 100, 40));
        TumourVolume v = TumourVolume.of(masks, images, 0.25, 2, "mm");
        assertEquals(5, v.voxels());
        assertEquals(5 * 0.25 * 2, v.volume(), 1e-12);
        assertEquals(2, v.tumourSlices());
        assertEquals(3, v.largestSlice());
        assertEquals(0.75, v.largestSliceArea(), 1e-12);
        assertEquals((2 * 200 + 3 * 100) / 5.0, v.meanIntensity()[1], 1e-12);
        assertEquals((2 * 10 + 3 * 20) / 5.0, v.meanIntensity()[0], 1e-12);
        assertEquals("mm", v.unit());
    }

    @Test
    void noTumourGivesZeroVolumeAndNoIntensity() {
        TumourVolume v =
                TumourVolume.of(List.of(new SliceMask(2, 2, new byte[4])), List.of(image(5, 5, 5)), 1, 1, null);
        assertEquals(0, v.voxels());
        assertEquals(0, v.largestSlice());
        assertTrue(Double.isNaN(v.meanIntensity()[0]));
        assertEquals("pixel", v.unit());
    }
}
