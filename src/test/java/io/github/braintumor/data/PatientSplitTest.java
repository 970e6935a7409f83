package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientSplitTest {
    @TempDir
    static Path shared;

    static LggDataset dataset;

    @TempDir
    Path tmp;

    /** 20 small phantom patients: hospitals cycle CS, DU, HT, FG -> 5 each; 3 slices each. */
    @BeforeAll
    static void makeDataset() throws Exception {
        PhantomGenerator.builder()
                .optSeed(7)
                .optPatients(20)
                .optSlicesPerPatient(3)
                .optSize(16)
                .optHospitals("CS", "DU", "HT", "FG")
                .build()
                .write(shared);
        dataset = LggDataset.index(shared);
    }

    @Test
    void eachHospitalIsSplitWithAtLeastOneValidationAndTestPatient() {
        PatientSplit split = PatientSplit.create(dataset, 0.7, 0.15, 0.15, 1);
        for (String h : dataset.hospitals()) {
            Map<SplitPart, Integer> n = new HashMap<>();
            for (PatientRecord p : dataset.patients()) {
                if (p.hospital().equals(h)) {
                    n.merge(split.partOf(p.id()), 1, Integer::sum);
                }
            }
            // 5 patients: round(0.75) = 1 each for validation and test, 3 train
            assertEquals(Map.of(SplitPart.TRAIN, 3, SplitPart.VALIDATION, 1, SplitPart.TEST, 1), n, h);
        }
        assertEquals(Map.of(SplitPart.TRAIN, 12, SplitPart.VALIDATION, 4, SplitPart.TEST, 4), split.sizes());
    }

    @Test
    void roundingRules() {
        assertArrayEquals(new int[] {1, 1}, PatientSplit.counts(3, 0.1, 0.1)); // forced to 1 from 3 patients
        assertArrayEquals(new int[] {0, 0}, PatientSplit.counts(2, 0.1, 0.1)); // too few to force
        assertArrayEquals(new int[] {0, 1}, PatientSplit.counts(3, 0, 0.2)); // fraction 0 stays 0
        assertArrayEquals(new int[] {1, 2}, PatientSplit.counts(3, 0.5, 0.5)); // 2+2 > 3: larger gives one back
        assertArrayEquals(new int[] {3, 3}, PatientSplit.counts(20, 0.15, 0.15));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        PatientSplit a = PatientSplit.create(dataset, 0.6, 0.2, 0.2, 42);
        PatientSplit b = PatientSplit.create(dataset, 0.6, 0.2, 0.2, 42);
        assertEquals(a, b);
        assertEquals(a.patients(SplitPart.TEST), b.patients(SplitPart.TEST));
        boolean anyDiffers = false;
        for (long seed = 1; seed <= 5; seed++) {
            anyDiffers |= !PatientSplit.create(dataset, 0.6, 0.2, 0.2, seed).equals(a);
        }
        assertTrue(anyDiffers);
    }

    @Test
    void noPatientsSlicesLandInTwoParts() {
        PatientSplit split = PatientSplit.create(dataset, 0.7, 0.15, 0.15, 3);
        Map<String, SplitPart> seen = new HashMap<>();
        int total = 0;
        for (SplitPart part : SplitPart.values()) {
            List<SliceRecord> slices = split.slices(dataset, part);
            total += slices.size();
            for (SliceRecord s : slices) {
                SplitPart before = seen.putIfAbsent(s.patientId(), part);
                assertTrue(before == null || before == part, s.patientId() + " in " + before + " and " + part);
                assertEquals(part, split.partOf(s.patientId()));
            }
        }
        assertEquals(dataset.slices().size(), total);
        assertEquals(20, seen.size());
        Set<String> all = new HashSet<>();
        for (SplitPart part : SplitPart.values()) {
            for (String id : split.patients(part)) {
                assertTrue(all.add(id), id + " twice");
            }
        }
        assertEquals(20, all.size());
    }

    @Test
    void csvRoundTrip() throws Exception {
        PatientSplit split = PatientSplit.create(dataset, 0.7, 0.15, 0.15, 9);
        Path csv = tmp.resolve("split.csv");
        split.write(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("patient,hospital,part", lines.get(0));
        assertEquals(21, lines.size());
        String first = dataset.patients().get(0).id();
        assertEquals(
                first + "," + dataset.patients().get(0).hospital() + ","
                        + split.partOf(first).csvName(),
                lines.get(1));
        PatientSplit back = PatientSplit.read(csv);
        assertEquals(split, back);
        assertEquals(split.slices(dataset, SplitPart.TEST), back.slices(dataset, SplitPart.TEST));
        assertEquals(dataset.patients().get(0).hospital(), back.hospitalOf(first));
    }

    @Test
    void badSplitFilesNameFileAndLine() throws Exception {
        Path header = Files.writeString(tmp.resolve("h.csv"), "id,part\n");
        assertTrue(assertThrows(LggDataException.class, () -> PatientSplit.read(header))
                .getMessage()
                .contains(header + ": not a patient split"));
        Path part = Files.writeString(tmp.resolve("p.csv"), "patient,hospital,part\nA,CS,train\nB,CS,holdout\n");
        String m = assertThrows(LggDataException.class, () -> PatientSplit.read(part))
                .getMessage();
        assertTrue(m.contains(part.toString()) && m.contains("line 3") && m.contains("holdout"), m);
        Path twice = Files.writeString(tmp.resolve("t.csv"), "patient,hospital,part\nA,CS,train\nA,CS,test\n");
        m = assertThrows(LggDataException.class, () -> PatientSplit.read(twice)).getMessage();
        assertTrue(m.contains("line 3") && m.contains("appears twice"), m);
    }

    @Test
    void splitForOtherDataIsRefused() throws Exception {
        Path other = Files.writeString(tmp.resolve("o.csv"), "patient,hospital,part\nTCGA_ZZ_1_20000101,ZZ,TEST\n");
        PatientSplit split = PatientSplit.read(other);
        assertEquals(SplitPart.TEST, split.partOf("TCGA_ZZ_1_20000101"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> split.slices(dataset, SplitPart.TRAIN));
        assertTrue(
                e.getMessage().contains("TCGA_ZZ_1_20000101")
                        && e.getMessage().contains("20 patient(s) not in the split"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> split.partOf("nobody"));
    }

    @Test
    void badFractionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PatientSplit.create(dataset, 0.7, 0.2, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> PatientSplit.create(dataset, 1.2, -0.1, -0.1, 1));
        PatientSplit allTrain = PatientSplit.create(dataset, 1, 0, 0, 1);
        assertEquals(20, allTrain.patients(SplitPart.TRAIN).size());
        assertNotEquals(0, allTrain.slices(dataset, SplitPart.TRAIN).size());
    }
}
