package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.model.AugmentationSettings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VolumeIntensitiesTest extends PhantomTrainingTest {
    private static final AugmentationSettings NONE = new AugmentationSettings(false, 0, List.of(), false, 0);

    private static SliceImage read(SliceRecord r) throws Exception {
        return LggTiff.readImage(r.image(), LggTiff.ANY_SIZE);
    }

    private static List<SliceRecord> patient() {
        return set.data().patients().get(0).slices();
    }

    private static VolumeIntensities intensities(AugmentationSettings a) {
        List<SliceRecord> p = patient();
        return new VolumeIntensities(
                Normalization.PERCENTILE_ZSCORE.id(),
                a,
                SliceStore.of(1L << 30, set.data()),
                Map.of(p.get(0).patientId(), p));
    }

    @Test
    void validationInputIsWhatInferenceGivesTheWholeStack() throws Exception {
        List<SliceRecord> p = patient();
        float[][] volume = new float[p.size()][];
        for (int s = 0; s < p.size(); s++) {
            byte[] px = read(p.get(s)).pixels();
            volume[s] = new float[px.length];
            for (int i = 0; i < px.length; i++) volume[s][i] = px[i] & 0xFF;
        }
        Normalization.PERCENTILE_ZSCORE.normalizeVolume(volume, 3); // as BatchedForward does for a stack
        VolumeIntensities vi = intensities(NONE);
        for (int s = 0; s < p.size(); s++) {
            assertArrayEquals(volume[s], vi.validationInput(p.get(s), read(p.get(s))), 1e-5f, "slice " + s);
        }
    }

    @Test
    void aSimulatedMissingModalityKeepsTheCopiedChannelsEqualEvenWithIntensityChanges() throws Exception {
        VolumeIntensities vi = intensities(new AugmentationSettings(true, 1, List.of("flair-only"), true, 0));
        SliceRecord r = patient().get(2);
        SliceImage image = read(r);
        float[] x = vi.trainingInput(r, image, new Random(4));
        int plane = image.width() * image.height();
        for (int i = 0; i < plane; i++) {
            assertEquals(x[plane + i], x[i], 0f);
            assertEquals(x[plane + i], x[2 * plane + i], 0f);
        }
        // and it is the FLAIR-only volume normalised as inference normalises it, up to the intensity change
        float[] plain = intensities(NONE).input(r, image, ModalityPattern.FLAIR_ONLY);
        assertEquals(plain[plane], plain[0], 0f);
    }

    @Test
    void intensityAugmentationChangesTheInputButSeedsRepeatIt() throws Exception {
        AugmentationSettings a = new AugmentationSettings(true, 0, List.of(), true, 0);
        SliceRecord r = patient().get(1);
        SliceImage image = read(r);
        float[] plain = intensities(NONE).validationInput(r, image);
        float[] one = intensities(a).trainingInput(r, image, new Random(9));
        float[] again = intensities(a).trainingInput(r, image, new Random(9));
        assertArrayEquals(one, again, 0f);
        double diff = 0;
        for (int i = 0; i < one.length; i++) diff = Math.max(diff, Math.abs(one[i] - plain[i]));
        assertTrue(diff > 1e-3, "the augmented input should differ from the plain one");
        assertNotEquals(0, diff);
    }
}
