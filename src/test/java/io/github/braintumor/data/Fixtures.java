package io.github.braintumor.data;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes test fixtures, good and deliberately bad, into a test's temporary folder (never committed). */
final class Fixtures {
    private Fixtures() {}

    /** Writes an 8-bit (or 16-bit) TIFF with any band count: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; every sample = value. */
    static Path rawTiff(Path file, int width, int height, int bands, int bits, int value) throws IOException {
        int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        boolean alpha = bands == 2 || bands == 4;
        ColorSpace cs = ColorSpace.getInstance(bands <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel cm =
                new ComponentColorModel(cs, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster r = Raster.createInterleavedRaster(type, width, height, bands, null);
        for (int b = 0; b < bands; b++) {
            int[] plane = new int[width * height];
            java.util.Arrays.fill(plane, value);
            r.setSamples(0, 0, width, height, b, plane);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(new BufferedImage(cm, r, false, null), "tiff", file.toFile())) {
            throw new IllegalStateException("no TIFF writer for " + bands + " bands, " + bits + " bits");
        }
        return file;
    }

    /** Writes a 1-channel 8-bit mask whose pixels are given values (row-major). */
    static Path rawMask(Path file, int width, int height, int... values) throws IOException {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 1, null);
        r.setSamples(0, 0, width, height, 0, values);
        ComponentColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(new BufferedImage(cm, r, false, null), "tiff", file.toFile());
        return file;
    }

    /**
     * Writes one patient folder {@code parent/id} with the given slice numbers (as written in the file names) in
     * the Kaggle naming, small phantom slices of the given size; slices whose index is in {@code tumour} get a
     * tumour mask.
     */
    static Path patient(Path parent, String id, int size, String[] sliceNumbers, boolean... tumour) throws IOException {
        Path dir = parent.resolve(id);
        Files.createDirectories(dir);
        for (int k = 0; k < sliceNumbers.length; k++) {
            boolean t = k < tumour.length && tumour[k];
            PhantomGenerator.PhantomSlice s = PhantomGenerator.slice(k + 31L * id.hashCode(), size, t);
            LggTiff.writeImage(dir.resolve(id + "_" + sliceNumbers[k] + ".tif"), s.image());
            LggTiff.writeMask(dir.resolve(id + "_" + sliceNumbers[k] + "_mask.tif"), s.mask());
        }
        return dir;
    }

    static Path patient(Path parent, String id, int size, int slices) throws IOException {
        String[] numbers = new String[slices];
        for (int i = 0; i < slices; i++) {
            numbers[i] = Integer.toString(i + 1);
        }
        return patient(parent, id, size, numbers);
    }
}
