package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks indexing and the overview against the shared {@code patients.csv} (skipped without the real data). */
class LggRealDataTest {
    static LggDataset dataset;
    static Map<String, String[]> expected; // patient -> patients.csv row

    @BeforeAll
    static void load() throws Exception {
        dataset = RealData.indexOrSkip();
        expected = new LinkedHashMap<>();
        List<String> lines =
                Files.readAllLines(RealData.sharedLgg().orElseThrow().resolve("patients.csv"));
        assertEquals("patient_folder,hospital,n_slices,n_tumour_slices,channels_note", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            expected.put(cells[0], cells);
        }
    }

    @Test
    void overviewMatchesPatientsCsvForEveryPatient() {
        DatasetOverview o = DatasetOverview.of(dataset);
        assertEquals(
                List.copyOf(expected.keySet()),
                o.perPatient().stream()
                        .map(DatasetOverview.PatientCounts::patient)
                        .toList());
        for (DatasetOverview.PatientCounts p : o.perPatient()) {
            String[] row = expected.get(p.patient());
            assertEquals(row[1], p.hospital(), p.patient());
            assertEquals(Integer.parseInt(row[2]), p.slices(), p.patient() + " slices");
            assertEquals(Integer.parseInt(row[3]), p.tumourSlices(), p.patient() + " tumour slices");
        }
        assertEquals(65, o.patients());
        assertEquals(2360, o.slices());
        assertEquals(819, o.tumourSlices());
        assertEquals(2360 - 819, o.nonTumourSlices());
        assertEquals(List.of("CS", "DU", "FG", "HT"), o.hospitals());
        System.out.print(o.describe());
    }

    @Test
    void everyImageHeaderIsValidAndEveryPatientHasClinicalData() throws Exception {
        dataset.validate();
        for (PatientRecord p : dataset.patients()) {
            assertFalse(p.clinical().isEmpty(), p.id() + " has a data.csv row");
            List<Integer> numbers =
                    p.slices().stream().map(SliceRecord::sliceNumber).toList();
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i + 1, numbers.get(i), p.id() + ": slices numbered 1..n in numeric order");
            }
        }
    }

    @Test
    void realSlicesDecodeAsThreeChannelsWithBinaryMasks() throws Exception {
        for (PatientRecord p : dataset.patients()) {
            SliceRecord s =
                    p.slices().stream().filter(SliceRecord::tumour).findFirst().orElseThrow();
            SliceImage img = s.readImage();
            assertEquals(256, img.width());
            assertFalse(img.replicated(), s.image().toString());
            SliceMask m = s.readMask();
            assertEquals(s.tumourArea(), m.area());
            assertTrue(m.area() > 0);
        }
    }
}
