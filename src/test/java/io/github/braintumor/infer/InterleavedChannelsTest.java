package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.RealData;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterleavedChannelsTest {

    @Test
    void anInterleavedStackIsNamedWithTheFixAndAPlainOneIsNot() {
        List<SliceImage> volume = InterleavedStacks.synthetic(8, 32);
        Optional<String> w = InterleavedChannels.warning(InterleavedStacks.interleaved(volume));
        assertTrue(w.isPresent());
        assertTrue(w.get().contains("3 channels x 8 slices") && w.get().contains("Stack to Hyperstack"), w.get());
        List<SliceImage> flair =
                volume.stream().map(s -> InterleavedStacks.grey(s, 1)).toList();
        assertFalse(InterleavedChannels.warning(flair.subList(0, 6)).isPresent(), "one sequence, 6 slices");
        assertFalse(InterleavedChannels.warning(volume.subList(0, 6)).isPresent(), "3-channel slices");
        assertFalse(
                InterleavedChannels.warning(
                                InterleavedStacks.interleaved(volume).subList(0, 23))
                        .isPresent(),
                "23: not 3 x n");
    }

    @Test
    void realPatientsInterleavedAreNamedAndTheirFlairStacksAreNot() throws Exception {
        LggDataset data = RealData.indexOrSkip();
        for (PatientRecord p : data.patients().subList(0, 5)) {
            List<SliceImage> volume = new ArrayList<>();
            for (SliceRecord r : p.slices()) volume.add(r.readImage());
            assertTrue(
                    InterleavedChannels.warning(InterleavedStacks.interleaved(volume))
                            .isPresent(),
                    p.id() + " interleaved");
            List<SliceImage> flair = new ArrayList<>();
            for (SliceImage s : volume) flair.add(InterleavedStacks.grey(s, 1));
            List<SliceImage> whole = flair.subList(0, flair.size() - flair.size() % 3);
            assertFalse(InterleavedChannels.warning(whole).isPresent(), p.id() + " FLAIR only");
        }
    }
}
