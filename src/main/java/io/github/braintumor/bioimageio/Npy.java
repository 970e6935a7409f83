package io.github.braintumor.bioimageio;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} arrays, the test tensors of bioimage.io packages: read (float32/float64/uint8/int32/int64,
 * either byte order, C order) and write (little-endian float32, format 1.0).
 *
 * <pre>{@code
 * Npy.write(Path.of("test_input.npy"), new long[] {1, 3, 256, 256}, values);
 * Npy.Array a = Npy.read(Path.of("test_input.npy"));   // a.shape() = {1, 3, 256, 256}
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A C-order array: its shape and values as float. */
    public record Array(long[] shape, float[] data) {
        @Override
        public String toString() {
            return Arrays.toString(shape);
        }
    }

    /** @throws IOException naming the file when it is not a .npy array this reader knows */
    public static Array read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(file + " is not a NumPy .npy file");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        if (dataStart > bytes.length) throw new IOException(file + ": .npy header runs past the end of the file");
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find())
            throw new IOException(file + ": unreadable .npy header " + header.trim());
        if (f.group(1).equals("True")) throw new IOException(file + ": Fortran-order .npy arrays are not supported");
        long[] shape = Arrays.stream(s.group(1).split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        int width = Integer.parseInt(d.group(3));
        char kind = d.group(2).charAt(0);
        if (n * width > bytes.length - dataStart) throw new IOException(file + ": .npy data shorter than its shape");
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart)
                .order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[Math.toIntExact(n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (kind + "" + width) {
                case "f4" -> data.getFloat();
                case "f8" -> (float) data.getDouble();
                case "u1" -> Byte.toUnsignedInt(data.get());
                case "i4" -> data.getInt();
                case "i8" -> data.getLong();
                default -> throw new IOException(file + ": .npy dtype " + kind + width + " is not supported");
            };
        }
        return new Array(shape, out);
    }

    /** Writes little-endian float32 in C order (temporary name, then moved into place). */
    public static void write(Path file, long[] shape, float[] data) throws IOException {
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        if (n != data.length)
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        StringBuilder dims = new StringBuilder();
        for (long d : shape) dims.append(d).append(", ");
        if (shape.length != 1 && dims.length() > 0) dims.setLength(dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n"; // data aligned to 64 bytes
        ByteBuffer b =
                ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : data) b.putFloat(v);
        AtomicFiles.write(file, b.array());
    }
}
