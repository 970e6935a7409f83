package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModalityPatternTest {
    private static SliceImage complete(long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[3 * 16];
        r.nextBytes(px);
        return new SliceImage(4, 4, 3, px);
    }

    @Test
    void simulatedPatternsAreStoredAsTheDataSetStoresThemAndDetected() {
        SliceImage s = complete(1);
        assertEquals(ModalityPattern.COMPLETE, ModalityPattern.of(s));
        for (ModalityPattern p : ModalityPattern.missing()) {
            SliceImage m = p.simulate(s);
            assertEquals(p, ModalityPattern.of(m), p.id());
            assertArrayEquals(s.plane(SliceImage.FLAIR), m.plane(SliceImage.FLAIR), "FLAIR is kept");
        }
        SliceImage flairOnly = ModalityPattern.FLAIR_ONLY.simulate(s);
        assertArrayEquals(s.plane(SliceImage.FLAIR), flairOnly.plane(SliceImage.PRE_CONTRAST));
        assertArrayEquals(s.plane(SliceImage.FLAIR), flairOnly.plane(SliceImage.POST_CONTRAST));
        SliceImage noPost = ModalityPattern.NO_POST.simulate(s);
        assertArrayEquals(s.plane(SliceImage.PRE_CONTRAST), noPost.plane(SliceImage.PRE_CONTRAST));
        assertArrayEquals(s.plane(SliceImage.FLAIR), noPost.plane(SliceImage.POST_CONTRAST));
        SliceImage noPre = ModalityPattern.NO_PRE.simulate(s);
        assertArrayEquals(s.plane(SliceImage.FLAIR), noPre.plane(SliceImage.PRE_CONTRAST));
        assertArrayEquals(s.plane(SliceImage.POST_CONTRAST), noPre.plane(SliceImage.POST_CONTRAST));
        assertNotEquals(s, noPre);
    }

    @Test
    void aReplicatedSingleChannelFileAndAnEmptySliceAreToldApart() {
        SliceImage s = complete(2);
        SliceImage replicated = new SliceImage(4, 4, 3, ModalityPattern.FLAIR_ONLY.simulate(s.pixels(), 16), true);
        assertEquals(ModalityPattern.SINGLE_CHANNEL, ModalityPattern.of(replicated));
        SliceImage black = new SliceImage(4, 4, 3, new byte[48]);
        assertEquals(ModalityPattern.COMPLETE, ModalityPattern.of(black), "no signal, no claim");
        assertTrue(!ModalityPattern.hasSignal(black));
    }

    @Test
    void aPatientIsItsMostFrequentPatternAmongSlicesWithSignal() {
        List<ModalityPattern> slices = List.of(
                ModalityPattern.FLAIR_ONLY,
                ModalityPattern.NO_POST,
                ModalityPattern.NO_POST,
                ModalityPattern.FLAIR_ONLY,
                ModalityPattern.FLAIR_ONLY);
        assertEquals(
                ModalityPattern.NO_POST, ModalityPattern.ofPatient(slices, List.of(false, true, true, false, true)));
        assertEquals(
                ModalityPattern.COMPLETE,
                ModalityPattern.ofPatient(slices, List.of(false, false, false, false, false)));
    }

    @Test
    void unknownIdsAreNamed() {
        assertEquals(ModalityPattern.NO_PRE, ModalityPattern.fromId(" No-Pre "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModalityPattern.fromId("t2"));
        assertTrue(e.getMessage().contains("flair-only"), e.getMessage());
    }
}
