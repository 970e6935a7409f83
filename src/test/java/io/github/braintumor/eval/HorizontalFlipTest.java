package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braintumor.data.SliceImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    @Test
    void flipsEveryChannelRowByRow() {
        SliceImage img = new SliceImage(3, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, HorizontalFlip.flip(img).pixels());
        assertArrayEquals(new float[] {2, 1, 4, 3}, HorizontalFlip.flip(new float[] {1, 2, 3, 4}, 2, 2));
    }

    @Test
    void ttaAveragesThePlainAndTheMirroredBackMaps() throws Exception {
        // a model that says "tumour" on the left-most column only: not mirror-symmetric
        SegmentationModel leftColumn = (slices, cancel) -> {
            List<float[]> out = new ArrayList<>();
            for (SliceImage s : slices) {
                float[] p = new float[s.width() * s.height()];
                for (int y = 0; y < s.height(); y++) p[y * s.width()] = 1f;
                out.add(p);
            }
            return out;
        };
        SliceImage img = new SliceImage(3, 1, 1, new byte[] {0, 0, 0});
        float[] p = HorizontalFlip.testTimeAugmented(leftColumn).probabilities(List.of(img), () -> false).get(0);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, p);
        assertEquals(1, HorizontalFlip.testTimeAugmented(leftColumn).probabilities(List.of(img), () -> false).size());
    }
}
