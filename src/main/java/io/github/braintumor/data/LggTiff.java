package io.github.braintumor.data;

import io.github.braintumor.io.AtomicFiles;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads and writes LGG slice images and masks as TIFF with the JDK's own TIFF plugin (javax.imageio, Java 9+).
 *
 * <p>Images: 8-bit, 3 channels (pre-contrast, FLAIR, post-contrast), returned planar (CHW). A 1-channel file
 * (FLAIR only) is accepted and copied into all three channels; {@link SliceImage#replicated()} then says so.
 * Masks: 8-bit (or 1-bit), 1 channel, values 0/255 (Kaggle) or 0/1, returned as 0/1. The expected size is 256x256
 * unless another is given; images of another size are refused, never resized silently. Every failure is an
 * {@link LggDataException} whose message names the file.
 *
 * <pre>{@code
 * SliceImage img = LggTiff.readImage(Path.of("TCGA_CS_4942_19970222_10.tif"));
 * SliceMask mask = LggTiff.readMask(Path.of("TCGA_CS_4942_19970222_10_mask.tif"));
 * LggTiff.writeImage(Path.of("copy.tif"), img);                      // uncompressed, like Kaggle's files
 * LggTiff.writeMask(Path.of("copy_mask.tif"), mask, LggTiff.Compression.DEFLATE);
 * }</pre>
 */
public final class LggTiff {
    /** Width and height of every LGG slice. */
    public static final int LGG_SIZE = 256;
    /** Pass as {@code expectedSize} to accept any width and height. */
    public static final int ANY_SIZE = 0;

    /** How pixel data is stored when writing. */
    public enum Compression {
        /** Uncompressed strips, as in the Kaggle files. */
        NONE(null),
        /** Lossless zlib/deflate (TIFF compression 8), read by ImageJ, Fiji, libtiff and Python's tifffile/PIL. */
        DEFLATE("ZLib");

        private final String imageIoType;

        Compression(String imageIoType) {
            this.imageIoType = imageIoType;
        }
    }

    private LggTiff() {}

    /** Reads a 256x256 slice image; see {@link #readImage(Path, int)}. */
    public static SliceImage readImage(Path tif) throws LggDataException {
        return readImage(tif, LGG_SIZE);
    }

    /**
     * Reads an 8-bit slice image as 3 planar channels.
     *
     * @param expectedSize required width and height, or {@link #ANY_SIZE}
     * @throws LggDataException naming the file when it is missing, unreadable or truncated, not 8-bit, not
     *                          {@code expectedSize} square, or has a channel count other than 1 or 3
     */
    public static SliceImage readImage(Path tif, int expectedSize) throws LggDataException {
        Raster r = decode(tif);
        checkSize(tif, r, expectedSize, "image");
        check8Bit(tif, r, "image");
        int w = r.getWidth();
        int h = r.getHeight();
        int n = w * h;
        int bands = r.getNumBands();
        if (bands != 1 && bands != 3) {
            throw new LggDataException(
                    tif,
                    "image has " + bands + " channels, expected 3 (pre-contrast, FLAIR, "
                            + "post-contrast) or 1 (FLAIR only, which is then copied into all 3). Save it as 8-bit RGB"
                            + (bands == 4 ? " without an alpha channel" : "") + ".");
        }
        byte[] px = new byte[3 * n];
        int[] plane = new int[n];
        for (int c = 0; c < 3; c++) {
            r.getSamples(r.getMinX(), r.getMinY(), w, h, bands == 1 ? 0 : c, plane);
            for (int i = 0; i < n; i++) {
                px[c * n + i] = (byte) plane[i];
            }
        }
        return new SliceImage(w, h, 3, px, bands == 1);
    }

    /**
     * Reads a slice of any sample type (8-, 16- or 32-bit) with its values as they are: one plane per channel, from
     * a 1- or 3-band first page, or from 3 single-band pages (pre-contrast, FLAIR, post-contrast). For 16- and 32-bit
     * slices, which are scaled per volume, never per slice: see {@code tensor.ImgSlices.volumeOfPlanes}.
     *
     * @param expectedSize required width and height, or {@link #ANY_SIZE}
     * @return {@code [channel][y * width + x]}, 1 or 3 channels
     * @throws LggDataException naming the file when it cannot be read or has another channel count
     */
    public static float[][] readPlanes(Path tif, int expectedSize) throws LggDataException {
        return withReader(tif, reader -> {
            Raster first = reader.read(0).getRaster();
            checkSize(tif, first, expectedSize, "image");
            int bands = first.getNumBands();
            int w = first.getWidth(), h = first.getHeight();
            List<Raster> pages = new ArrayList<>(List.of(first));
            if (bands == 1) { // 3 channels may follow as pages (read in order: the stream only seeks forward)
                for (int page = 1; page < 3; page++) {
                    try {
                        pages.add(reader.read(page).getRaster());
                    } catch (IndexOutOfBoundsException e) {
                        break;
                    }
                }
            }
            int channels = bands == 1 ? pages.size() : bands;
            if (channels != 1 && channels != 3) {
                throw new LggDataException(
                        tif,
                        "image has " + channels + " channels, expected 3 (pre-contrast, FLAIR, post-contrast, as"
                                + " bands or as 3 pages) or 1 (FLAIR only)");
            }
            float[][] planes = new float[channels][w * h];
            for (int c = 0; c < channels; c++) {
                Raster r = bands == 1 ? pages.get(c) : first;
                if (r.getWidth() != w || r.getHeight() != h) {
                    throw new LggDataException(tif, "page " + (c + 1) + " is another size than page 1");
                }
                r.getSamples(r.getMinX(), r.getMinY(), w, h, bands == 1 ? 0 : c, planes[c]);
            }
            return planes;
        });
    }

    /** @return whether the slice's samples are 8-bit (what {@link #readImage} reads), from the header */
    public static boolean is8Bit(Path tif) throws LggDataException {
        return readInfo(tif).bitsPerSample() == 8;
    }

    /** Reads a 256x256 mask; see {@link #readMask(Path, int)}. */
    public static SliceMask readMask(Path tif) throws LggDataException {
        return readMask(tif, LGG_SIZE);
    }

    /**
     * Reads a binary mask. Values 0/255 or 0/1 become 0/1.
     *
     * @param expectedSize required width and height, or {@link #ANY_SIZE}
     * @throws LggDataException naming the file when it is unreadable, the wrong size, not 1 channel, or holds
     *                          values other than 0 and 255 (or 0 and 1)
     */
    public static SliceMask readMask(Path tif, int expectedSize) throws LggDataException {
        Raster r = decode(tif);
        checkSize(tif, r, expectedSize, "mask");
        if (r.getNumBands() != 1) {
            throw new LggDataException(
                    tif,
                    "mask has " + r.getNumBands() + " channels, expected 1. "
                            + "Save the mask as an 8-bit greyscale TIFF with values 0 and 255.");
        }
        int bits = r.getSampleModel().getSampleSize(0);
        if (bits != 8 && bits != 1) {
            throw new LggDataException(tif, "mask has " + bits + "-bit samples, expected 8-bit (values 0 and 255).");
        }
        int w = r.getWidth();
        int h = r.getHeight();
        int[] s = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
        long[] count = new long[256];
        for (int v : s) {
            count[v]++;
        }
        long others = 0;
        TreeMap<Integer, Long> bad = new TreeMap<>();
        for (int v = 2; v < 255; v++) {
            if (count[v] > 0) {
                others += count[v];
                if (bad.size() < 5) {
                    bad.put(v, count[v]);
                }
            }
        }
        if (others > 0 || (count[1] > 0 && count[255] > 0)) {
            String what = others > 0
                    ? others + " pixels with values other than 0, 1 and 255 (value=pixels: " + bad + ")"
                    : "both 1 and 255 (" + count[1] + " and " + count[255] + " pixels)";
            throw new LggDataException(
                    tif,
                    "mask is not binary: it has " + what + ". Expected 0 = background "
                            + "and 255 (or 1) = tumour; threshold the mask before using it.");
        }
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (s[i] == 0 ? 0 : 1);
        }
        return new SliceMask(w, h, px);
    }

    /**
     * Reads width, height, channels and bit depth from the header without decoding pixel data (fast).
     *
     * @throws LggDataException naming the file when it is missing or not a readable image
     */
    public static TiffInfo readInfo(Path tif) throws LggDataException {
        return withReader(tif, reader -> {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                type = reader.getImageTypes(0).next();
            }
            return new TiffInfo(
                    reader.getWidth(0),
                    reader.getHeight(0),
                    type.getSampleModel().getNumBands(),
                    type.getSampleModel().getSampleSize(0));
        });
    }

    /** Writes an uncompressed 8-bit RGB (3-channel) or grey (1-channel) TIFF, atomically. */
    public static void writeImage(Path tif, SliceImage img) throws IOException {
        writeImage(tif, img, Compression.NONE);
    }

    /** Writes an 8-bit RGB (3-channel) or grey (1-channel) TIFF, atomically (temporary file, then move). */
    public static void writeImage(Path tif, SliceImage img, Compression compression) throws IOException {
        if (img.channels() != 3 && img.channels() != 1) {
            throw new IllegalArgumentException(
                    "can only write 1- or 3-channel images, got " + img.channels() + " channels for " + tif);
        }
        write(tif, img.width(), img.height(), img.channels(), img.pixels(), 1, compression);
    }

    /** Writes an uncompressed 8-bit mask with values 0 and 255 (the Kaggle convention), atomically. */
    public static void writeMask(Path tif, SliceMask mask) throws IOException {
        writeMask(tif, mask, Compression.NONE);
    }

    /** Writes an 8-bit mask with values 0 and 255, atomically. */
    public static void writeMask(Path tif, SliceMask mask, Compression compression) throws IOException {
        write(tif, mask.width(), mask.height(), 1, mask.pixels(), 255, compression);
    }

    /**
     * Writes masks as one uncompressed multi-page 8-bit TIFF (0/255, a page per slice, as ImageJ saves a mask
     * stack), atomically; {@link #readMask} reads its first page.
     */
    public static void writeMaskStack(Path tif, List<SliceMask> masks) throws IOException {
        if (masks.isEmpty()) throw new IllegalArgumentException("no masks to write to " + tif);
        List<BufferedImage> pages = new ArrayList<>(masks.size());
        for (SliceMask m : masks) pages.add(image(m.width(), m.height(), 1, m.pixels(), 255));
        writePages(tif, pages, Compression.NONE);
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface ReaderTask<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(Path tif, ReaderTask<T> task) throws LggDataException {
        if (!Files.isRegularFile(tif)) {
            throw new LggDataException(tif, "file not found (or not a regular file).");
        }
        // One set of checks before every decode: the JDK reader fills missing strips with zeros, and ImageJ's
        // decoder can loop on them.
        TiffHeader.check(tif);
        try (ImageInputStream in = ImageIO.createImageInputStream(tif.toFile())) {
            if (in == null) {
                throw new LggDataException(tif, "cannot open the file for reading.");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new LggDataException(
                        tif,
                        "not a TIFF (or any image format Java can read). "
                                + "Expected an 8-bit TIFF as in the Kaggle LGG data set.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return task.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (LggDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The JDK TIFF reader reports truncated or corrupt data with IIOException, EOFException, or
            // occasionally unchecked exceptions (array bounds, bad arguments): all mean "this file is broken".
            throw new LggDataException(
                    tif,
                    "cannot decode the image: it is truncated or corrupt ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "). Re-download or re-export the file.",
                    e);
        }
    }

    /**
     * Refuses a file that is not a TIFF by its first bytes, a TIFF whose header declares more pixel data than the
     * file can hold or this JVM can take, whose strips lie beyond its end, or whose pages differ in size, from the
     * header bytes alone; call it before any decoder (ImageJ's included) reads the file.
     *
     * @throws LggDataException naming the file and the declared size
     */
    public static void checkDeclaredSize(Path tif) throws LggDataException {
        TiffHeader.check(tif);
    }

    private static Raster decode(Path tif) throws LggDataException {
        return withReader(tif, reader -> reader.read(0).getRaster());
    }

    private static void checkSize(Path tif, Raster r, int expectedSize, String what) throws LggDataException {
        if (expectedSize > 0 && (r.getWidth() != expectedSize || r.getHeight() != expectedSize)) {
            throw new LggDataException(
                    tif,
                    what + " is " + r.getWidth() + "x" + r.getHeight() + ", expected "
                            + expectedSize + "x" + expectedSize + ". Images are never resized silently: resize them "
                            + "explicitly first, or pass the expected size as an option.");
        }
    }

    private static void check8Bit(Path tif, Raster r, String what) throws LggDataException {
        for (int b = 0; b < r.getNumBands(); b++) {
            int bits = r.getSampleModel().getSampleSize(b);
            if (bits != 8) {
                throw new LggDataException(
                        tif,
                        what + " has " + bits + "-bit samples, expected 8-bit unsigned. "
                                + "Convert it to 8-bit first.");
            }
        }
    }

    private static void write(Path tif, int w, int h, int channels, byte[] planar, int scale, Compression compression)
            throws IOException {
        writePages(tif, List.of(image(w, h, channels, planar, scale)), compression);
    }

    /** One page as an 8-bit BufferedImage: planar CHW bytes times {@code scale} (255 turns 0/1 masks to 0/255). */
    private static BufferedImage image(int w, int h, int channels, byte[] planar, int scale) {
        int n = w * h;
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, channels, null);
        int[] plane = new int[n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                plane[i] = Math.min(255, (planar[c * n + i] & 0xFF) * scale);
            }
            raster.setSamples(0, 0, w, h, c, plane);
        }
        ColorSpace cs = ColorSpace.getInstance(channels == 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
        ColorModel cm = new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /** Writes the pages as one (multi-page) TIFF, atomically. */
    private static void writePages(Path tif, List<BufferedImage> pages, Compression compression) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression.imageIoType != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression.imageIoType);
            }
            AtomicFiles.write(tif, out -> {
                try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    if (pages.size() == 1) {
                        writer.write(null, new IIOImage(pages.get(0), null, null), param);
                    } else {
                        writer.prepareWriteSequence(null);
                        for (BufferedImage page : pages) {
                            writer.writeToSequence(new IIOImage(page, null, null), param);
                        }
                        writer.endWriteSequence();
                    }
                }
            });
        } finally {
            writer.dispose();
        }
    }
}
