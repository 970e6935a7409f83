package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LggDatasetTest {
    @TempDir
    Path tmp;

    private static void assertMessage(LggDataException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message contains '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void twoVolumesMixedInOneFolderAreRefusedWhenTheirSlicesClash() throws Exception {
        Path k = tmp.resolve("kaggle_3m");
        Fixtures.patient(k, "TCGA_CS_4942_19970222", 32, new String[] {"1", "2"}, false, false);
        Fixtures.patient(k, "TCGA_HT_9001_20000101", 32, new String[] {"1", "2"}, false, false);
        Path a = k.resolve("TCGA_CS_4942_19970222");
        Path b = k.resolve("TCGA_HT_9001_20000101");
        try (var files = Files.list(b)) { // the second patient's slices dropped into the first one's folder
            for (Path f : files.toList()) Files.move(f, a.resolve(f.getFileName()));
        }
        Files.delete(b);
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.indexImages(k));
        assertMessage(e, "holds slices of two volumes", "TCGA_CS_4942_19970222_1.tif", "TCGA_HT_9001_20000101_1.tif");
        assertThrows(LggDataException.class, () -> LggDataset.index(k));
    }

    @Test
    void slicesAreSortedNumericallyWithPositions() throws Exception {
        Path k = tmp.resolve("kaggle_3m");
        Fixtures.patient(k, "TCGA_CS_4942_19970222", 32, new String[] {"10", "2", "1", "9"}, false, true, false, true);
        LggDataset d = LggDataset.index(k);
        PatientRecord p = d.patient("TCGA_CS_4942_19970222");
        assertEquals(
                List.of(1, 2, 9, 10),
                p.slices().stream().map(SliceRecord::sliceNumber).toList());
        assertEquals(
                List.of(0.0, 1 / 3.0, 2 / 3.0, 1.0),
                p.slices().stream().map(SliceRecord::position).toList());
        // tumour follows the masks: "2" and "9" were written with tumour
        assertEquals(
                List.of(false, true, true, false),
                p.slices().stream().map(SliceRecord::tumour).toList());
        SliceRecord two = p.slices().get(1);
        assertEquals(k.resolve("TCGA_CS_4942_19970222/TCGA_CS_4942_19970222_2.tif"), two.image());
        assertEquals(k.resolve("TCGA_CS_4942_19970222/TCGA_CS_4942_19970222_2_mask.tif"), two.mask());
        assertEquals(LggTiff.readMask(two.mask(), 32).area(), two.tumourArea());
        assertTrue(two.tumourArea() > 0);
        assertEquals(0, p.slices().get(0).tumourArea());
        assertEquals(2, p.tumourSliceCount());
    }

    @Test
    void singleSliceHasPositionZero() throws Exception {
        Fixtures.patient(tmp, "TCGA_HT_1_20000101", 16, 1);
        assertEquals(0.0, LggDataset.index(tmp).slices().get(0).position());
    }

    @Test
    void hospitalAndClinicalKeyAreParsedFromTheFolderName() {
        assertEquals("CS", LggDataset.hospitalOf("TCGA_CS_4942_19970222"));
        assertEquals("FG", LggDataset.hospitalOf("TCGA_FG_A60K_20040224"));
        assertEquals(LggDataset.UNKNOWN_HOSPITAL, LggDataset.hospitalOf("patient7"));
        assertEquals("??", LggDataset.hospitalOf("TCGA_X_1"));
        assertEquals("TCGA_CS_4942", LggDataset.clinicalKeyOf("TCGA_CS_4942_19970222"));
        assertEquals("patient7", LggDataset.clinicalKeyOf("patient7"));
    }

    @Test
    void acceptsKaggleFolderItsParentAFolderOfPatientsAndOnePatientFolder() throws Exception {
        Path parent = tmp.resolve("lgg");
        Path k = parent.resolve("kaggle_3m");
        Fixtures.patient(k, "TCGA_CS_1_20000101", 16, 2);
        Fixtures.patient(k, "TCGA_DU_2_20000101", 16, 3);
        Files.createDirectories(k.resolve(".hidden"));
        Files.createDirectories(k.resolve("notes")); // no tif: not a patient
        Files.writeString(k.resolve("README.txt"), "x");
        for (Path given : List.of(k, parent)) {
            LggDataset d = LggDataset.index(given);
            assertEquals(k, d.root());
            assertEquals(
                    List.of("TCGA_CS_1_20000101", "TCGA_DU_2_20000101"),
                    d.patients().stream().map(PatientRecord::id).toList());
            assertEquals(5, d.slices().size());
            assertEquals(List.of("CS", "DU"), d.hospitals());
        }
        LggDataset one = LggDataset.index(k.resolve("TCGA_DU_2_20000101"));
        assertEquals(1, one.patients().size());
        assertEquals("DU", one.patients().get(0).hospital());
    }

    @Test
    void joinsDataCsvByIdWithoutDate() throws Exception {
        Path k = tmp.resolve("kaggle_3m");
        Fixtures.patient(k, "TCGA_CS_4942_19970222", 16, 1);
        Fixtures.patient(k, "TCGA_DU_5000_20010101", 16, 1);
        Files.writeString(
                k.resolve("data.csv"),
                "Patient,gender,age_at_initial_pathologic,death01\n" + "TCGA_CS_4942,1,44,1\nTCGA_XX_0000,2,50,0\n");
        LggDataset d = LggDataset.index(k);
        Map<String, String> c = d.patient("TCGA_CS_4942_19970222").clinical();
        assertEquals("44", c.get("age_at_initial_pathologic"));
        assertEquals("TCGA_CS_4942", c.get("Patient"));
        assertEquals(List.of("Patient", "gender", "age_at_initial_pathologic", "death01"), List.copyOf(c.keySet()));
        assertTrue(d.patient("TCGA_DU_5000_20010101").clinical().isEmpty());
    }

    @Test
    void withoutDataCsvClinicalIsEmpty() throws Exception {
        Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 1);
        assertTrue(LggDataset.index(tmp).patients().get(0).clinical().isEmpty());
    }

    @Test
    void imageWithoutMaskIsNamed() throws Exception {
        Path dir = Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 3);
        Files.delete(dir.resolve("TCGA_CS_1_20000101_2_mask.tif"));
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(e, "TCGA_CS_1_20000101_2.tif", "image has no mask", "TCGA_CS_1_20000101_2_mask.tif");
    }

    @Test
    void maskWithoutImageIsNamed() throws Exception {
        Path dir = Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 3);
        Files.delete(dir.resolve("TCGA_CS_1_20000101_3.tif"));
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(e, "TCGA_CS_1_20000101_3_mask.tif", "mask has no image");
    }

    @Test
    void folderWithoutPatientsNamesFolderAndLayout() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.createDirectories(empty.resolve("sub"));
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(empty));
        assertMessage(e, empty.toString(), "no patient folders", "kaggle_3m/<patient>/<patient>_<n>.tif");
        Path missing = tmp.resolve("nope");
        assertMessage(
                assertThrows(LggDataException.class, () -> LggDataset.index(missing)),
                missing.toString(),
                "folder not found");
    }

    @Test
    void duplicateSliceNumbersAreRefused() throws Exception {
        Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, new String[] {"3", "03"});
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(e, "TCGA_CS_1_20000101_3", "TCGA_CS_1_20000101_03", "duplicate slice number 3");
    }

    @Test
    void tiffWithoutSliceNumberIsRefused() throws Exception {
        Path dir = Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 1);
        Fixtures.rawTiff(dir.resolve("overview.tif"), 16, 16, 3, 8, 0);
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(e, "overview.tif", "_<n>.tif");
    }

    @Test
    void nonBinaryMaskFailsAtIndexTime() throws Exception {
        Path dir = Fixtures.patient(tmp, "TCGA_CS_1_20000101", 2, 0);
        Fixtures.rawTiff(dir.resolve("TCGA_CS_1_20000101_1.tif"), 2, 2, 3, 8, 0);
        Path mask = Fixtures.rawMask(dir.resolve("TCGA_CS_1_20000101_1_mask.tif"), 2, 2, 0, 3, 0, 0);
        LggDataException e = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(e, mask.toString(), "not binary");
    }

    @Test
    void validateChecksImageHeaders() throws Exception {
        Path dir = Fixtures.patient(tmp, "TCGA_CS_1_20000101", 256, 2);
        LggDataset ok = LggDataset.index(tmp);
        ok.validate();
        Path bad = Fixtures.rawTiff(dir.resolve("TCGA_CS_1_20000101_2.tif"), 256, 256, 4, 8, 0);
        LggDataException e =
                assertThrows(LggDataException.class, () -> LggDataset.index(tmp).validate());
        assertMessage(e, bad.toString(), "4 channels");
        Fixtures.rawTiff(bad, 128, 128, 3, 8, 0);
        // indexing reads each image's header (not its pixels): a 256x256 mask of a 128x128 image is found up front
        LggDataException mismatch = assertThrows(LggDataException.class, () -> LggDataset.index(tmp));
        assertMessage(mismatch, "TCGA_CS_1_20000101_2_mask.tif", "mask is 256x256", "128x128");
        LggTiff.writeMask(dir.resolve("TCGA_CS_1_20000101_2_mask.tif"), SliceMask.empty(128, 128));
        LggDataset d = LggDataset.index(tmp);
        assertMessage(assertThrows(LggDataException.class, d::validate), bad.toString(), "128x128", "256x256");
        d.validate(LggTiff.ANY_SIZE); // any size accepted: nothing else is wrong
    }

    @Test
    void unknownPatientIsAnIllegalArgument() throws Exception {
        Fixtures.patient(tmp, "TCGA_CS_1_20000101", 16, 1);
        LggDataset d = LggDataset.index(tmp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.patient("TCGA_XX_9"));
        assertTrue(e.getMessage().contains("TCGA_XX_9"), e.getMessage());
        assertFalse(d.slices().isEmpty());
    }
}
