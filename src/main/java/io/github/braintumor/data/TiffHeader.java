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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a TIFF's header declares (pages, width, height, samples, bits), read from its bytes alone, so that a file
 * whose declared size cannot be real is refused before any decoder allocates for it: a 200-byte file claiming
 * 100000x100000 pixels otherwise ends in an OutOfMemoryError. Every read is bounded by the file length; a loop of
 * page pointers ends the walk. Files that are not classic TIFF (BigTIFF, PNG...) are left to the decoders.
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

    /**
     * Refuses {@code tif} when its header declares more pixel data than the file can hold, a side above
     * {@link #MAX_SIDE}, or more than half of the Java heap.
     *
     * @throws LggDataException naming the file and the declared size
     */
    static void check(Path tif) throws LggDataException {
        if (!Files.isRegularFile(tif)) return; // the decoders name a missing file
        long length;
        long declared = 0;
        int pages = 0;
        try (FileChannel ch = FileChannel.open(tif, StandardOpenOption.READ)) {
            length = ch.size();
            ByteBuffer head = read(ch, 0, 8, length);
            if (head == null) return;
            char b0 = (char) head.get(0);
            if (b0 != head.get(1) || (b0 != 'I' && b0 != 'M')) return; // not TIFF: the decoder says what it is
            ByteOrder order = b0 == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            head.order(order);
            if (head.getShort(2) != 42) return; // BigTIFF or something else
            long offset = head.getInt(4) & 0xFFFFFFFFL;
            Set<Long> seen = new HashSet<>();
            long firstPage = 0;
            String description = null;
            while (offset != 0 && pages < MAX_PAGES && seen.add(offset)) {
                ByteBuffer count = read(ch, offset, 2, length);
                if (count == null) throw corrupt(tif, "a page header lies beyond the end of the file", length);
                int n = count.order(order).getShort(0) & 0xFFFF;
                ByteBuffer ifd = read(ch, offset + 2, 12L * n + 4, length);
                if (ifd == null) throw corrupt(tif, "a page header is cut off", length);
                ifd.order(order);
                long width = 0, height = 0, samples = 1, bits = 1;
                for (int i = 0; i < n; i++) {
                    int at = 12 * i;
                    int tag = ifd.getShort(at) & 0xFFFF;
                    int type = ifd.getShort(at + 2) & 0xFFFF;
                    long values = ifd.getInt(at + 4) & 0xFFFFFFFFL;
                    long value = type == 3 ? ifd.getShort(at + 8) & 0xFFFF : ifd.getInt(at + 8) & 0xFFFFFFFFL;
                    long pointer = ifd.getInt(at + 8) & 0xFFFFFFFFL; // where values that do not fit are
                    switch (tag) {
                        case 256 -> width = value;
                        case 257 -> height = value;
                        case 277 -> samples = value;
                        case 258 -> bits = values * 2 <= 4 ? value : firstShort(ch, pointer, length, order, bits);
                        case 270 -> {
                            if (pages == 0 && type == 2) description = ascii(ch, values <= 4 ? -1 : pointer, values,
                                    ifd, at + 8, length);
                        }
                        default -> { }
                    }
                }
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new LggDataException(tif, "the header declares " + width + "x" + height + " pixels, more"
                            + " than " + MAX_SIDE + "x" + MAX_SIDE + " (the models take " + LggTiff.LGG_SIZE + "x"
                            + LggTiff.LGG_SIZE + " slices); the file is corrupt or not a slice image");
                }
                long page = width * height * Math.max(1, samples) * Math.max(1, (bits + 7) / 8);
                if (pages == 0) firstPage = page;
                declared += page;
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
            throw new LggDataException(tif, "the header declares " + pages + " page(s) of " + mb(declared)
                    + " of pixels, more than half of the Java heap (" + mb(heap) + "): split the stack, or give"
                    + " Java more memory (-Xmx, BRAIN_TUMOR_JAVA_OPTS)");
        }
    }

    private static LggDataException corrupt(Path tif, String what, long length) {
        return new LggDataException(tif, what + " but the file has only " + length + " bytes: it is truncated or"
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
