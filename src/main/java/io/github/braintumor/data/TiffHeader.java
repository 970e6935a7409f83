package io.github.braintumor.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a TIFF's header declares (pages, width, height, samples, bits), read from its bytes alone, so that a file
 * whose declared size cannot be real is refused before any decoder allocates for it: a 200-byte file claiming
 * 100000x100000 pixels otherwise ends in an OutOfMemoryError. Every read is bounded by the file length; a loop of
 * page pointers ends the walk. The same walk refuses other formats named .tif, strips cut off by a truncation and
 * stacks of mixed page sizes. BigTIFF is left to the decoders.
 */
final class TiffHeader {
    /**
     * Most pixel bytes one byte of a TIFF can decode to: deflate reaches ~1032:1, LZW ~1400:1, PackBits 64:1; a
     * larger ratio means the header lies or the file was cut short.
     */
    static final long MAX_EXPANSION = 2048;
    /**
     * Largest width or height accepted: 32 times the models' 256x256 input. The models refuse other sizes anyway
     * (nothing is resized silently); this bound only stops a bogus header before it costs memory.
     */
    static final int MAX_SIDE = 32 * LggTiff.LGG_SIZE;

    private static final int MAX_PAGES = 100_000;
    private static final Pattern IMAGEJ_IMAGES = Pattern.compile("(?m)^images=(\\d{1,10})\\s*$");

    private TiffHeader() {}

    /** What the first page of a TIFF declares. */
    record Page(long width, long height, long samples, long bits) {
        String describe() {
            return width + "x" + height + " (" + samples + " channel(s) of " + bits + " bits)";
        }
    }

    /**
     * Refuses {@code tif} when it is not a TIFF by its first bytes (a PNG or JPEG named .tif), when a page header or
     * a strip (or tile) of pixel data lies beyond the end of the file, when its pages differ in size (ImageJ would
     * drop the ones unlike the first), when it declares more pixel data than the file can hold, a side above
     * {@link #MAX_SIDE}, or more than half of the Java heap, or when a compressed strip does not decode whole
     * ({@link StripCheck}).
     *
     * @return the first page, or null when the file is missing or a TIFF variant this walk does not read (BigTIFF)
     * @throws LggDataException naming the file and what is wrong
     */
    static Page check(Path tif) throws LggDataException {
        return check(tif, true);
    }

    /**
     * {@link #check(Path)} without decoding the strips: what indexing needs (sizes, truncation), since the strips
     * are decoded and checked anyway when the slice is read.
     */
    static Page checkHeader(Path tif) throws LggDataException {
        return check(tif, false);
    }

    private static Page check(Path tif, boolean decodeStrips) throws LggDataException {
        if (!Files.isRegularFile(tif)) return null; // the decoders name a missing file
        long length;
        long declared = 0;
        int pages = 0;
        Page first = null;
        try (FileChannel ch = FileChannel.open(tif, StandardOpenOption.READ)) {
            length = ch.size();
            ByteBuffer head = read(ch, 0, Math.min(8, length), length);
            String format = format(head);
            if (format != null) {
                throw new LggDataException(
                        tif,
                        "not a TIFF: the file holds " + format + " (only its name says TIFF);"
                                + " convert it to TIFF first, e.g. File > Save As > Tiff in Fiji");
            }
            if (length < 8) throw corrupt(tif, "the TIFF header is cut off", length);
            ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            if (head.getShort(2) != 42) return null; // BigTIFF: left to the decoders
            long offset = head.getInt(4) & 0xFFFFFFFFL;
            Set<Long> seen = new HashSet<>();
            long firstPage = 0;
            long firstStrip = -1;
            boolean uncompressed = true;
            String description = null;
            while (offset != 0 && pages < MAX_PAGES && seen.add(offset)) {
                ByteBuffer count = read(ch, offset, 2, length);
                if (count == null) throw corrupt(tif, "a page header lies beyond the end of the file", length);
                int n = count.order(order).getShort(0) & 0xFFFF;
                ByteBuffer ifd = read(ch, offset + 2, 12L * n + 4, length);
                if (ifd == null) throw corrupt(tif, "a page header is cut off", length);
                ifd.order(order);
                long width = 0, height = 0, samples = 1, bits = 1, compression = 1, subfile = 0;
                long rowsPerStrip = -1, planar = 1, tileWidth = 0, tileLength = 0;
                long[] offsets = null, counts = null;
                for (int i = 0; i < n; i++) {
                    int at = 12 * i;
                    int tag = ifd.getShort(at) & 0xFFFF;
                    int type = ifd.getShort(at + 2) & 0xFFFF;
                    long values = ifd.getInt(at + 4) & 0xFFFFFFFFL;
                    long value = type == 3 ? ifd.getShort(at + 8) & 0xFFFF : ifd.getInt(at + 8) & 0xFFFFFFFFL;
                    long pointer = ifd.getInt(at + 8) & 0xFFFFFFFFL; // where values that do not fit are
                    switch (tag) {
                        case 254 -> subfile = value;
                        case 256 -> width = value;
                        case 257 -> height = value;
                        case 259 -> compression = value;
                        case 277 -> samples = value;
                        case 278 -> rowsPerStrip = value;
                        case 284 -> planar = value;
                        case 322 -> tileWidth = value;
                        case 323 -> tileLength = value;
                        case 258 -> bits = values * 2 <= 4 ? value : firstShort(ch, pointer, length, order, bits);
                        case 273, 324 -> offsets = array(tif, ch, ifd, at, type, values, pointer, length, order);
                        case 279, 325 -> counts = array(tif, ch, ifd, at, type, values, pointer, length, order);
                        case 270 -> {
                            if (pages == 0 && type == 2)
                                description = ascii(ch, values <= 4 ? -1 : pointer, values, ifd, at + 8, length);
                        }
                        default -> {}
                    }
                }
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new LggDataException(
                            tif,
                            "the header declares " + width + "x" + height + " pixels, more"
                                    + " than " + MAX_SIDE + "x" + MAX_SIDE + " (the models take " + LggTiff.LGG_SIZE
                                    + "x"
                                    + LggTiff.LGG_SIZE + " slices); the file is corrupt or not a slice image");
                }
                // A decoder given a strip cut short may wait for bytes that never come (ImageJ's LZW loop did).
                checkStrips(tif, pages + 1, offsets, counts, length);
                if (decodeStrips && StripCheck.checks(compression) && offsets != null && counts != null) {
                    // ImageJ fills what it cannot decode with zeros: a damaged strip would pass for an image
                    decodeStrips(
                            tif,
                            ch,
                            pages + 1,
                            compression,
                            offsets,
                            counts,
                            new Layout(
                                    width,
                                    height,
                                    Math.max(1, samples),
                                    bits,
                                    rowsPerStrip,
                                    planar,
                                    tileWidth,
                                    tileLength),
                            length);
                }
                Page page = new Page(width, height, Math.max(1, samples), bits);
                if (pages == 0) {
                    first = page;
                    firstStrip = offsets == null || offsets.length == 0 ? -1 : offsets[0];
                    uncompressed = compression == 1;
                } else if ((subfile & 1) == 0 && !page.equals(first)) { // bit 0: a reduced-resolution preview
                    throw new LggDataException(
                            tif,
                            "page " + (pages + 1) + " is " + page.describe() + " but page 1"
                                    + " is " + first.describe()
                                    + "; pages of one stack must have one size (ImageJ would"
                                    + " drop the others): save pages of another size as separate files");
                }
                long bytes = width * height * Math.max(1, samples) * Math.max(1, (bits + 7) / 8);
                if (pages == 0) firstPage = bytes;
                declared += bytes;
                pages++;
                offset = ifd.getInt(12 * n) & 0xFFFFFFFFL;
            }
            if (description != null && description.startsWith("ImageJ=")) {
                // ImageJ reads "images=N" pages of the first page's size one after another, whatever follows.
                Matcher m = IMAGEJ_IMAGES.matcher(description);
                if (m.find()) {
                    long images = Long.parseLong(m.group(1));
                    if (images > pages) {
                        declared = Math.max(declared, images * firstPage);
                        pages = (int) Math.min(Integer.MAX_VALUE, images);
                    }
                    if (uncompressed && firstStrip >= 0 && firstStrip + images * firstPage > length) {
                        throw corrupt(
                                tif,
                                "the header declares " + images + " page(s) stored one after another" + " up to byte "
                                        + (firstStrip + images * firstPage),
                                length);
                    }
                }
            }
        } catch (LggDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new LggDataException(tif, "cannot read the TIFF header (" + e.getMessage() + ")", e);
        }
        if (declared > length * MAX_EXPANSION) {
            throw corrupt(tif, "the header declares " + pages + " page(s) of " + mb(declared) + " of pixels", length);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (declared > heap / 2) {
            throw new LggDataException(
                    tif,
                    "the header declares " + pages + " page(s) of " + mb(declared)
                            + " of pixels, more than half of the Java heap (" + mb(heap) + "): split the stack, or give"
                            + " Java more memory (-Xmx, BRAIN_TUMOR_JAVA_OPTS)");
        }
        return first;
    }

    /**
     * The format the first bytes show when they are not a TIFF's ("II*\0" or "MM\0*"), or null for a TIFF (or a
     * file too short to tell, which then counts as a cut-off TIFF only if its bytes so far match).
     */
    private static String format(ByteBuffer head) {
        byte[] b = new byte[head.remaining()];
        head.duplicate().get(b);
        byte[][] tiff = {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}};
        for (byte[] t : tiff) {
            boolean match = true;
            for (int i = 0; i < Math.min(b.length, t.length); i++) match &= b[i] == t[i];
            if (match) return null;
        }
        if (starts(b, 0x89, 'P', 'N', 'G')) return "PNG data";
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "JPEG data";
        if (starts(b, 'G', 'I', 'F', '8')) return "GIF data";
        if (starts(b, 'B', 'M')) return "BMP data";
        if (b.length == 0) return "no bytes at all";
        return "no TIFF signature (it starts with bytes "
                + String.format(Locale.ROOT, "%02x %02x", b[0], b.length > 1 ? b[1] : 0) + ")";
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    /** Every strip (or tile) must lie inside the file. */
    private static void checkStrips(Path tif, int page, long[] offsets, long[] counts, long length)
            throws LggDataException {
        if (offsets == null) return;
        for (int i = 0; i < offsets.length; i++) {
            long end = offsets[i] + (counts != null && i < counts.length ? counts[i] : 0);
            if (offsets[i] >= length || end > length) {
                throw corrupt(
                        tif,
                        "strip " + (i + 1) + " of " + offsets.length + " of page " + page + " lies at bytes "
                                + offsets[i] + ".." + end,
                        length);
            }
        }
    }

    /** How a page's pixels are cut into strips or tiles. */
    record Layout(
            long width,
            long height,
            long samples,
            long bits,
            long rowsPerStrip,
            long planar,
            long tileWidth,
            long tileLength) {
        /** Bytes strip (or tile) {@code i} of {@code n} holds once decoded. */
        long expected(int i, int n) {
            long perPixel = planar == 2 ? 1 : samples;
            if (tileWidth > 0 && tileLength > 0) return (tileWidth * perPixel * bits + 7) / 8 * tileLength;
            long rows = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
            int perPlane = planar == 2 ? Math.max(1, n / (int) Math.max(1, samples)) : n;
            long first = (long) (i % perPlane) * rows;
            long these = Math.max(0, Math.min(rows, height - first));
            return (width * perPixel * bits + 7) / 8 * these;
        }
    }

    /** Decodes every strip with a bound ({@link StripCheck}); the first that is not whole refuses the file. */
    private static void decodeStrips(
            Path tif,
            FileChannel ch,
            int page,
            long compression,
            long[] offsets,
            long[] counts,
            Layout layout,
            long length)
            throws IOException, LggDataException {
        for (int i = 0; i < offsets.length && i < counts.length; i++) {
            long expected = layout.expected(i, offsets.length);
            if (expected <= 0 || expected > Integer.MAX_VALUE) continue;
            ByteBuffer strip = read(ch, offsets[i], counts[i], length);
            if (strip == null) continue; // checkStrips has named it already
            byte[] bytes = new byte[strip.remaining()];
            strip.get(bytes);
            String problem = StripCheck.problem(compression, bytes, (int) expected);
            if (problem != null) {
                throw new LggDataException(
                        tif,
                        "strip " + (i + 1) + " of " + offsets.length + " of page " + page + " is damaged: " + problem
                                + ". Re-download or re-export the file.");
            }
        }
    }

    /** The SHORT or LONG values of an entry: inline when they fit in its 4 bytes, else at {@code pointer}. */
    private static long[] array(
            Path tif,
            FileChannel ch,
            ByteBuffer ifd,
            int at,
            int type,
            long values,
            long pointer,
            long length,
            ByteOrder order)
            throws IOException, LggDataException {
        int size = type == 3 ? 2 : 4;
        if (type != 3 && type != 4) return null; // not a strip table the decoders read either
        if (values * size > length) throw corrupt(tif, "a strip table of " + values + " entries", length);
        ByteBuffer b;
        if (values * size <= 4) {
            b = ByteBuffer.allocate(4).order(order);
            for (int i = 0; i < 4; i++) b.put(ifd.get(at + 8 + i));
            b.flip();
        } else {
            b = read(ch, pointer, values * size, length);
            if (b == null) throw corrupt(tif, "a strip table lies beyond the end of the file", length);
            b.order(order);
        }
        long[] out = new long[(int) values];
        for (int i = 0; i < out.length; i++) {
            out[i] = size == 2 ? b.getShort(i * 2) & 0xFFFF : b.getInt(i * 4) & 0xFFFFFFFFL;
        }
        return out;
    }

    private static LggDataException corrupt(Path tif, String what, long length) {
        return new LggDataException(
                tif,
                what + " but the file has only " + length + " bytes: it is truncated or"
                        + " corrupt. Re-download or re-export the file.");
    }

    private static String mb(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** {@code size} bytes at {@code offset}, or null when they are not all inside the file. */
    private static ByteBuffer read(FileChannel ch, long offset, long size, long length) throws IOException {
        if (offset < 0 || size > Integer.MAX_VALUE || offset + size > length) return null;
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) return null;
        }
        return b.flip();
    }

    private static long firstShort(FileChannel ch, long offset, long length, ByteOrder order, long fallback)
            throws IOException {
        ByteBuffer b = read(ch, offset, 2, length);
        return b == null ? fallback : b.order(order).getShort(0) & 0xFFFF;
    }

    /** The start of an ASCII field (at most 4 KiB): in the entry itself when {@code offset} is -1. */
    private static String ascii(FileChannel ch, long offset, long count, ByteBuffer ifd, int inline, long length)
            throws IOException {
        int n = (int) Math.min(count, 4096);
        ByteBuffer b;
        if (offset < 0) {
            b = ByteBuffer.allocate(n);
            for (int i = 0; i < n; i++) b.put(ifd.get(inline + i));
            b.flip();
        } else {
            b = read(ch, offset, n, length);
            if (b == null) return null;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
