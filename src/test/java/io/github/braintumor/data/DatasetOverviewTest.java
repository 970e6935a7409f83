package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetOverviewTest {
    /** The committed phantoms: 4 patients (CS, DU, HT, CS) x 6 slices, 3 tumour slices each by construction. */
    static final Path TEST_DATA = Path.of("test-data", "phantom");

    @TempDir
    Path tmp;

    @Test
    void countsOnCommittedPhantomsAreKnownByConstruction() throws Exception {
        LggDataset d = LggDataset.index(TEST_DATA);
        DatasetOverview o = DatasetOverview.of(d);
        assertEquals(4, o.patients());
        assertEquals(24, o.slices());
        assertEquals(List.of("CS", "DU", "HT"), o.hospitals());
        assertEquals(6, o.minSlicesPerPatient());
        assertEquals(6.0, o.medianSlicesPerPatient());
        assertEquals(6, o.maxSlicesPerPatient());
        assertEquals(12, o.tumourSlices());
        assertEquals(12, o.nonTumourSlices());
        assertEquals(
                new DatasetOverview.Group(
                        "CS", 2, 12, 6, 6, o.perHospital().get("CS").meanTumourArea()),
                o.perHospital().get("CS"));
        assertEquals(1, o.perHospital().get("DU").patients());
        assertEquals(3, o.perHospital().get("HT").tumourSlices());
        long area = 0;
        for (SliceRecord s : d.slices()) {
            area += s.readMask().area(); // independent of the index: read every mask again
        }
        assertEquals(area / 12.0, o.meanTumourArea(), 1e-9);
        assertTrue(o.meanTumourArea() > 50, "phantom tumours are not specks: " + o.meanTumourArea());
        assertEquals(4, o.perPatient().size());
        assertEquals(3, o.perPatient().get(0).tumourSlices());
        assertTrue(o.describe().contains("4 patients, 24 slices, 3 hospitals (CS, DU, HT)"), o.describe());
    }

    @Test
    void medianOfEvenAndOddPatientCounts() throws Exception {
        Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 1);
        Fixtures.patient(tmp, "TCGA_CS_2_20000101", 16, 2);
        Fixtures.patient(tmp, "TCGA_DU_3_20000101", 16, 5);
        Fixtures.patient(tmp, "TCGA_DU_4_20000101", 16, 6);
        DatasetOverview o = DatasetOverview.of(LggDataset.index(tmp));
        assertEquals(1, o.minSlicesPerPatient());
        assertEquals(3.5, o.medianSlicesPerPatient());
        assertEquals(6, o.maxSlicesPerPatient());
        assertEquals(0, o.tumourSlices()); // Fixtures.patient without flags: empty masks
        assertEquals(0.0, o.meanTumourArea());
        Fixtures.patient(tmp, "TCGA_HT_5_20000101", 16, 4);
        assertEquals(4.0, DatasetOverview.of(LggDataset.index(tmp)).medianSlicesPerPatient());
    }

    @Test
    void csvFilesAreReadableTables() throws Exception {
        DatasetOverview o = DatasetOverview.of(LggDataset.index(TEST_DATA));
        Path longCsv = tmp.resolve("overview.csv");
        o.writeCsv(longCsv);
        List<String> lines = Files.readAllLines(longCsv);
        assertEquals("scope,key,value", lines.get(0));
        assertTrue(lines.contains("all,patients,4"), lines.toString());
        assertTrue(lines.contains("all,slices,24"));
        assertTrue(lines.contains("all,hospitals,3"));
        assertTrue(lines.contains("all,slices_per_patient_median,6"));
        assertTrue(lines.contains("all,tumour_slices,12"));
        assertTrue(lines.contains("all,tumour_fraction,0.5000"));
        assertTrue(lines.contains("CS,patients,2"));
        assertTrue(lines.contains("HT,non_tumour_slices,3"));

        Path hospitals = tmp.resolve("hospitals.csv");
        o.writePerHospitalCsv(hospitals);
        List<String> rows = Files.readAllLines(hospitals);
        assertEquals(
                "hospital,patients,slices,tumour_slices,non_tumour_slices,tumour_fraction,mean_tumour_area_px",
                rows.get(0));
        assertTrue(rows.get(1).startsWith("CS,2,12,6,6,0.5000,"), rows.get(1));
        assertTrue(rows.get(4).startsWith("all,4,24,12,12,0.5000,"), rows.get(4));
        assertEquals(5, rows.size());

        Path patients = tmp.resolve("patients.csv");
        o.writePerPatientCsv(patients);
        List<String> p = Files.readAllLines(patients);
        assertEquals("patient_folder,hospital,n_slices,n_tumour_slices,tumour_area_px", p.get(0));
        assertTrue(p.get(1).startsWith("TCGA_CS_9001_20000101,CS,6,3,"), p.get(1));
    }
}
