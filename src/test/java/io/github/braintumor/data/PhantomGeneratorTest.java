package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhantomGeneratorTest {
    @TempDir
    Path tmp;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void committedTestDataMatchesTheGeneratorAndIsSmall() throws Exception {
        Path committed = Path.of("test-data");
        assertTrue(Files.isDirectory(committed.resolve("phantom/kaggle_3m")), "test-data/phantom is committed");
        PhantomGenerator.writeTestData(tmp);
        List<Path> made = files(tmp);
        assertEquals(made, files(committed));
        long total = 0;
        for (Path f : made) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve(f)),
                    Files.readAllBytes(committed.resolve(f)),
                    f + " differs: rerun the command in test-data/README.md");
            total += Files.size(tmp.resolve(f));
        }
        assertTrue(total < 5_000_000, "test data is " + total + " bytes");
        assertEquals(4 * 6 * 2 + 2, made.size()); // images and masks, data.csv, README.md
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(2)
                .optSlicesPerPatient(3)
                .optSize(32)
                .build()
                .write(tmp.resolve("a"));
        PhantomGenerator.builder()
                .optSeed(5)
                .optPatients(2)
                .optSlicesPerPatient(3)
                .optSize(32)
                .build()
                .write(tmp.resolve("b"));
        PhantomGenerator.builder()
                .optSeed(6)
                .optPatients(2)
                .optSlicesPerPatient(3)
                .optSize(32)
                .build()
                .write(tmp.resolve("c"));
        Path f = Path.of("kaggle_3m/TCGA_DU_9002_20000201/TCGA_DU_9002_20000201_2.tif");
        assertArrayEquals(
                Files.readAllBytes(tmp.resolve("a").resolve(f)),
                Files.readAllBytes(tmp.resolve("b").resolve(f)));
        assertFalse(Arrays.equals(
                Files.readAllBytes(tmp.resolve("a").resolve(f)),
                Files.readAllBytes(tmp.resolve("c").resolve(f))));
    }

    @Test
    void tumourIsOneContiguousRunAwayFromTheEnds() throws Exception {
        PhantomGenerator.builder()
                .optSeed(11)
                .optPatients(5)
                .optSlicesPerPatient(8)
                .optSize(64)
                .optHospitals("CS", "DU", "HT", "FG")
                .build()
                .write(tmp);
        LggDataset d = LggDataset.index(tmp);
        assertEquals(List.of("CS", "DU", "FG", "HT"), d.hospitals());
        assertEquals("TCGA_CS_9001_20000101", d.patients().get(0).id());
        for (PatientRecord p : d.patients()) {
            List<Boolean> t = p.slices().stream().map(SliceRecord::tumour).toList();
            assertEquals(
                    PhantomGenerator.tumourSliceCount(8),
                    t.stream().filter(b -> b).count(),
                    p.id());
            int first = t.indexOf(true);
            int last = t.lastIndexOf(true);
            assertEquals(4, last - first + 1, p.id() + " run " + t);
            assertTrue(first >= 1 && last <= 6, p.id() + " ends are empty " + t);
            assertFalse(p.clinical().isEmpty(), p.id() + " has a data.csv row");
        }
    }

    @Test
    void tumourCountRule() {
        assertEquals(
                List.of(1, 1, 1, 2, 3, 3, 4, 4),
                Stream.of(1, 2, 3, 4, 5, 6, 7, 8)
                        .map(PhantomGenerator::tumourSliceCount)
                        .toList());
    }

    @Test
    void inMemorySliceLooksLikeAnMri() {
        PhantomGenerator.PhantomSlice s = PhantomGenerator.slice(3, 256, true);
        SliceImage img = s.image();
        SliceMask mask = s.mask();
        assertEquals(3, img.channels());
        assertEquals(256, img.width());
        assertTrue(mask.area() > 100, "area " + mask.area());
        assertEquals(0, img.unsigned(SliceImage.FLAIR, 0, 0)); // background is black
        assertFalse(Arrays.equals(img.plane(0), img.plane(1)));
        assertFalse(Arrays.equals(img.plane(1), img.plane(2)));
        double inside = 0;
        double outside = 0;
        int nIn = 0;
        int nOut = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int v = img.unsigned(SliceImage.FLAIR, y, x);
                if (mask.get(y, x) == 1) {
                    inside += v;
                    nIn++;
                } else if (v > 0) {
                    outside += v;
                    nOut++;
                }
            }
        }
        assertTrue(inside / nIn > outside / nOut + 30, "FLAIR tumour " + inside / nIn + " vs head " + outside / nOut);
        assertEquals(s, PhantomGenerator.slice(3, 256, true));
        assertNotEquals(s.image(), PhantomGenerator.slice(4, 256, true).image());
        assertTrue(PhantomGenerator.slice(3, 64, false).mask().isEmpty());
    }
}
