package io.github.braintumor.data;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one compressed TIFF strip with a bound on its output and says whether it is whole: a strip that does not
 * decode, or decodes to fewer bytes than its rows need, is corrupt. ImageJ's decoders fill what they cannot decode
 * with zeros and go on, so a damaged file of full length was segmented as if it were an image; this check runs
 * before any decoder. Deflate (8, 32946) carries a checksum, so its damage is always found; LZW (5) and PackBits
 * (32773) do not, so damage that still decodes to the right length cannot be told from data by any reader.
 *
 * <pre>{@code
 * String why = StripCheck.problem(5, stripBytes, 256 * 16 * 3);   // null when the strip decodes whole
 * }</pre>
 */
final class StripCheck {
    private StripCheck() {}

    /** @return whether this compression is checked here (others are left to the decoders) */
    static boolean checks(long compression) {
        return compression == 5 || compression == 8 || compression == 32946 || compression == 32773;
    }

    /**
     * @param expected bytes the strip's rows hold once decoded
     * @return null when the strip decodes to at least {@code expected} bytes, else what is wrong
     */
    static String problem(long compression, byte[] strip, int expected) {
        return switch ((int) compression) {
            case 8, 32946 -> inflate(strip, expected);
            case 5 -> lzw(strip, expected);
            case 32773 -> packBits(strip, expected);
            default -> null;
        };
    }

    private static String inflate(byte[] strip, int expected) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(strip);
            byte[] out = new byte[Math.max(1, expected)];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            return n >= expected ? null : "its zlib data ends after " + n + " of " + expected + " bytes";
        } catch (DataFormatException e) {
            return "its zlib data is damaged (" + e.getMessage() + ")";
        } finally {
            inflater.end();
        }
    }

    private static String packBits(byte[] strip, int expected) {
        int in = 0;
        long out = 0;
        while (in < strip.length && out < expected) {
            int n = strip[in++];
            if (n >= 0) {
                if (in + n + 1 > strip.length) return "a PackBits literal run goes past the end of the strip";
                in += n + 1;
                out += n + 1;
            } else if (n != -128) {
                if (in >= strip.length) return "a PackBits repeat run has no byte to repeat";
                in++;
                out += 1 - n;
            }
        }
        return out >= expected ? null : "its PackBits data ends after " + out + " of " + expected + " bytes";
    }

    /** TIFF 6 LZW (most significant bit first, codes of 9 to 12 bits, the early change of code width). */
    private static String lzw(byte[] strip, int expected) {
        if (strip.length >= 2 && (strip[0] & 0xFF) == 0 && (strip[1] & 0x01) == 1) {
            return null; // the old LSB-first variant of LZW (before TIFF 6): left to the decoder
        }
        int[] prefix = new int[4096];
        int[] length = new int[4096];
        int next = 258;
        int width = 9;
        int previous = -1;
        long out = 0;
        long bits = 0;
        int held = 0;
        int in = 0;
        for (int i = 0; i < 256; i++) length[i] = 1;
        while (out < expected) {
            while (held < width && in < strip.length) {
                bits = (bits << 8) | (strip[in++] & 0xFF);
                held += 8;
            }
            if (held < width) break; // input ended before end-of-information
            int code = (int) ((bits >>> (held - width)) & ((1 << width) - 1));
            held -= width;
            if (code == 257) break; // end of information
            if (code == 256) {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }
            if (previous == -1) {
                if (code > 255) return "its LZW data starts with code " + code + " after a clear code";
                out += 1;
                previous = code;
                continue;
            }
            if (code > next) return "its LZW data holds code " + code + " before code " + next + " exists";
            if (next < 4096) {
                prefix[next] = previous;
                length[next] = length[previous] + 1;
                next++;
            }
            out += length[code];
            previous = code;
            if (next + 1 >= (1 << width) && width < 12) width++; // TIFF's early change
        }
        return out >= expected ? null : "its LZW data ends after " + out + " of " + expected + " bytes";
    }
}
