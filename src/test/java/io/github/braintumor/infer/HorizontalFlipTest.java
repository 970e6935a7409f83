package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.braintumor.data.SliceImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    @Test
    void flipsEveryChannelRowByRow() {
        SliceImage img = new SliceImage(3, 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertArrayEquals(
                new byte[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10},
                HorizontalFlip.flip(img).pixels());
        assertArrayEquals(new float[] {2, 1, 4, 3}, HorizontalFlip.flip(new float[] {1, 2, 3, 4}, 2, 2));
    }

    @Test
    void averagesThePlainAndTheMirroredBackMaps() {
        SliceImage img = new SliceImage(3, 1, 1, new byte[] {0, 0, 0});
        float[] left = {1, 0, 0};
        // the model's answer on the mirrored slice, in mirrored coordinates: left column again
        assertArrayEquals(
                new float[] {0.5f, 0f, 0.5f},
                HorizontalFlip.average(List.of(img), List.of(left), List.of(left))
                        .get(0));
    }
}
