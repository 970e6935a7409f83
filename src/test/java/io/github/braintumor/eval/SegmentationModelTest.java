package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braintumor.data.SliceImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationModelTest {

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
        float[] p = SegmentationModel.testTimeAugmented(leftColumn)
                .probabilities(List.of(img), () -> false)
                .get(0);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, p);
        assertEquals(
                1,
                SegmentationModel.testTimeAugmented(leftColumn)
                        .probabilities(List.of(img), () -> false)
                        .size());
    }
}
