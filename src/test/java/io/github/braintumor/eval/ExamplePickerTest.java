package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.metrics.Confusion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Example overlays come from different patients while there are enough patients. */
class ExamplePickerTest {

    /** A tumour slice of 100 truth pixels whose Dice is {@code tp / 100}. */
    private static EvaluationResult.Example slice(String patient, int number, int tp) {
        SliceRecord r = new SliceRecord(
                patient,
                "CS",
                number,
                Path.of(patient, number + ".tif"),
                Path.of(patient, number + "_mask.tif"),
                true,
                0,
                100);
        return new EvaluationResult.Example(r, new Confusion(tp, 100 - tp, 100 - tp, 1000), new byte[0]);
    }

    private static List<String> picked(List<EvaluationResult.Example> offered, int examples, boolean best) {
        EvaluationResult.ExamplePicker p = new EvaluationResult.ExamplePicker(
                examples, best ? EvaluationResult.Collector.BEST : EvaluationResult.Collector.WORST);
        offered.forEach(p::offer);
        return p.picked().stream()
                .map(e -> e.slice().patientId() + "#" + e.slice().sliceNumber())
                .toList();
    }

    @Test
    void onePerPatientWhenThereAreEnoughPatientsWhateverTheOrderOffered() {
        List<EvaluationResult.Example> offered = new ArrayList<>();
        // Patient A's neighbouring slices are the five best of all; each other patient has one good slice.
        for (int s = 1; s <= 5; s++) offered.add(slice("A", s, 95 + s - 1));
        offered.add(slice("B", 1, 90));
        offered.add(slice("C", 1, 80));
        offered.add(slice("D", 1, 70));
        offered.add(slice("E", 1, 60));
        offered.add(slice("E", 2, 10));
        for (int s = 1; s <= 3; s++) offered.add(slice("F", s, 5 + s));
        List<String> best = List.of("A#5", "B#1", "C#1", "D#1");
        // F's three are the worst of all; then each other patient's own worst (E#2, not E#1)
        List<String> worst = List.of("F#1", "E#2", "D#1", "C#1");
        assertEquals(best, picked(offered, 4, true));
        assertEquals(worst, picked(offered, 4, false));
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            List<EvaluationResult.Example> shuffled = new ArrayList<>(offered);
            Collections.shuffle(shuffled, random);
            assertEquals(best, picked(shuffled, 4, true), "order offered: " + shuffled);
            assertEquals(worst, picked(shuffled, 4, false));
        }
    }

    @Test
    void fewerPatientsThanExamplesGiveEachPatientsNextSliceInTurn() {
        List<EvaluationResult.Example> offered = new ArrayList<>();
        for (int s = 1; s <= 6; s++) offered.add(slice("A", s, 90 + s)); // A: 96, 95, 94, ...
        for (int s = 1; s <= 3; s++) offered.add(slice("B", s, 50 + s)); // B: 53, 52, 51
        // Round one: A#6, B#3; round two: A#5, B#2 (not A#4, better than any of B's but A's third).
        assertEquals(List.of("A#6", "A#5", "B#3", "B#2"), picked(offered, 4, true));
        assertEquals(List.of("B#1", "B#2", "A#1", "A#2"), picked(offered, 4, false));
        assertEquals(List.of("A#6", "A#5", "A#4"), picked(offered.subList(0, 6), 3, true), "one patient");
        assertEquals(List.of(), picked(List.of(), 4, true));
    }
}
