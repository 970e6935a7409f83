package io.github.braintumor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LggTiffTest {
    @TempDir
    Path tmp;

    private static void assertMessage(LggDataException e, Path file, String... parts) {
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message contains '" + p + "': " + e.getMessage());
        }
        assertEquals(file, e.file());
    }

    @Test
    void imageRoundTripUncompressedAndDeflate() throws Exception {
        SliceImage img = PhantomGenerator.slice(1, 256, true).image();
        for (LggTiff.Compression c : LggTiff.Compression.values()) {
            Path f = tmp.resolve("img_" + c + ".tif");
            LggTiff.writeImage(f, img, c);
            SliceImage back = LggTiff.readImage(f);
            assertEquals(img, back);
            assertFalse(back.replicated());
            assertEquals(new TiffInfo(256, 256, 3, 8), LggTiff.readInfo(f));
        }
        assertTrue(Files.size(tmp.resolve("img_DEFLATE.tif")) < Files.size(tmp.resolve("img_NONE.tif")));
    }

    @Test
    void planarLayoutMatchesRgbFile() throws Exception {
        // channel c, row y, column x must be the file's band c at (x, y): check one asymmetric pixel per channel
        byte[] px = new byte[3 * 4 * 5];
        px[(0 * 4 + 1) * 5 + 2] = 10; // c0 y1 x2
        px[(1 * 4 + 3) * 5 + 0] = 20; // c1 y3 x0
        px[(2 * 4 + 0) * 5 + 4] = (byte) 200; // c2 y0 x4
        Path f = tmp.resolve("tiny.tif");
        LggTiff.writeImage(f, new SliceImage(5, 4, 3, px));
        SliceImage back = LggTiff.readImage(f, LggTiff.ANY_SIZE);
        assertEquals(10, back.unsigned(0, 1, 2));
        assertEquals(20, back.unsigned(1, 3, 0));
        assertEquals(200, back.unsigned(2, 0, 4));
        java.awt.image.BufferedImage bi = javax.imageio.ImageIO.read(f.toFile());
        assertEquals(200, bi.getRaster().getSample(4, 0, 2));
    }

    @Test
    void maskRoundTripWrites255AndReads01() throws Exception {
        SliceMask mask = PhantomGenerator.slice(2, 256, true).mask();
        Path f = tmp.resolve("m_mask.tif");
        LggTiff.writeMask(f, mask);
        assertEquals(mask, LggTiff.readMask(f));
        int[] raw = javax.imageio.ImageIO.read(f.toFile()).getRaster().getSamples(0, 0, 256, 256, 0, (int[]) null);
        assertEquals(mask.area(), Arrays.stream(raw).filter(v -> v == 255).count());
        assertEquals(
                256L * 256, Arrays.stream(raw).filter(v -> v == 0 || v == 255).count());
    }

    @Test
    void maskWithValues01IsAccepted() throws Exception {
        Path f = Fixtures.rawMask(tmp.resolve("m01.tif"), 2, 2, 0, 1, 1, 0);
        SliceMask m = LggTiff.readMask(f, LggTiff.ANY_SIZE);
        assertArrayEquals(new byte[] {0, 1, 1, 0}, m.pixels());
        assertEquals(2, m.area());
    }

    @Test
    void singleChannelImageIsReplicatedAndFlagged() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("flair.tif"), 256, 256, 1, 8, 77);
        SliceImage img = LggTiff.readImage(f);
        assertTrue(img.replicated());
        assertEquals(3, img.channels());
        for (int c = 0; c < 3; c++) {
            assertEquals(77, img.unsigned(c, 100, 200));
        }
    }

    @Test
    void wrongSizeNamesFileSizeAndExplicitResizing() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("small.tif"), 128, 96, 3, 8, 5);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readImage(f));
        assertMessage(e, f, "128x96", "256x256", "never resized silently");
        assertEquals(128, LggTiff.readImage(f, LggTiff.ANY_SIZE).width()); // the size is a parameter
        LggDataException e2 = assertThrows(LggDataException.class, () -> LggTiff.readImage(f, 128));
        assertMessage(e2, f, "128x96", "128x128");
    }

    @Test
    void maskOfWrongSizeIsRefused() throws Exception {
        Path f = Fixtures.rawMask(tmp.resolve("small_mask.tif"), 2, 2, 0, 255, 0, 0);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readMask(f));
        assertMessage(e, f, "mask is 2x2", "256x256");
    }

    @Test
    void fourChannelImageIsRefused() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("rgba.tif"), 256, 256, 4, 8, 9);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readImage(f));
        assertMessage(e, f, "4 channels", "expected 3", "alpha");
    }

    @Test
    void twoChannelImageIsRefused() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("greyalpha.tif"), 256, 256, 2, 8, 9);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readImage(f));
        assertMessage(e, f, "2 channels", "expected 3");
    }

    @Test
    void sixteenBitImageIsRefused() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("deep.tif"), 256, 256, 1, 16, 1000);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readImage(f));
        assertMessage(e, f, "16-bit", "8-bit");
    }

    @Test
    void truncatedTiffIsRefused() throws Exception {
        Path good = tmp.resolve("good.tif");
        LggTiff.writeImage(good, PhantomGenerator.slice(3, 256, false).image());
        byte[] bytes = Files.readAllBytes(good);
        for (int keep : new int[] {4, 100, bytes.length / 2, bytes.length - 10}) {
            Path f = Files.write(tmp.resolve("cut" + keep + ".tif"), Arrays.copyOf(bytes, keep));
            LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readImage(f), "kept " + keep);
            assertMessage(e, f, "truncated or corrupt");
        }
    }

    @Test
    void truncatedRealLayoutTiffIsRefused() throws Exception {
        // The Kaggle files have pixel strips first and the header (IFD) last; our writer puts the IFD first.
        // Either way, a cut file must fail rather than come back with zero-filled rows.
        Path good = tmp.resolve("good_mask.tif");
        LggTiff.writeMask(good, PhantomGenerator.slice(3, 256, true).mask());
        byte[] bytes = Files.readAllBytes(good);
        Path f = Files.write(tmp.resolve("cut_mask.tif"), Arrays.copyOf(bytes, bytes.length * 3 / 4));
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readMask(f));
        assertMessage(e, f, "truncated or corrupt");
    }

    @Test
    void notATiffAndMissingFileAreRefused() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.tif"), "this is not an image");
        assertMessage(assertThrows(LggDataException.class, () -> LggTiff.readImage(text)), text, "not a TIFF");
        Path missing = tmp.resolve("missing.tif");
        assertMessage(assertThrows(LggDataException.class, () -> LggTiff.readMask(missing)), missing, "not found");
    }

    @Test
    void maskWithOtherValuesIsRefusedWithTheValues() throws Exception {
        Path f = Fixtures.rawMask(tmp.resolve("grey_mask.tif"), 2, 2, 0, 128, 255, 7);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readMask(f, LggTiff.ANY_SIZE));
        assertMessage(e, f, "not binary", "128", "7", "0 = background");
    }

    @Test
    void maskMixing1And255IsRefused() throws Exception {
        Path f = Fixtures.rawMask(tmp.resolve("mixed_mask.tif"), 2, 2, 0, 1, 255, 0);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readMask(f, LggTiff.ANY_SIZE));
        assertMessage(e, f, "both 1 and 255");
    }

    @Test
    void rgbMaskIsRefused() throws Exception {
        Path f = Fixtures.rawTiff(tmp.resolve("rgb_mask.tif"), 256, 256, 3, 8, 0);
        LggDataException e = assertThrows(LggDataException.class, () -> LggTiff.readMask(f));
        assertMessage(e, f, "3 channels", "expected 1");
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws Exception {
        Path f = tmp.resolve("sub/dir/x.tif");
        LggTiff.writeImage(f, PhantomGenerator.slice(4, 32, false).image());
        LggTiff.writeImage(f, PhantomGenerator.slice(5, 32, false).image()); // replaces
        assertEquals(PhantomGenerator.slice(5, 32, false).image(), LggTiff.readImage(f, 32));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void sliceMaskRejectsValuesOtherThan01() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new SliceMask(2, 1, new byte[] {0, (byte) 255}));
        assertTrue(e.getMessage().contains("255"), e.getMessage());
    }
}
