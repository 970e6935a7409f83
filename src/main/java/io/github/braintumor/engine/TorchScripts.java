package io.github.braintumor.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * TorchScript modules written in Java: one {@code forward} method, no weights (tensors come in as arguments), saved
 * as the archive {@code torch.jit.save} produces (code, pickled module object, constants, version) and compiled by
 * libtorch on load. This reaches what DJL 0.36's API does not: bfloat16, memory formats, in-place and fused
 * operations, each call one native call.
 *
 * <pre>{@code
 * PtSymbolBlock twice = TorchScripts.compile(manager, "Twice", List.of("x: Tensor"), "    return torch.add(x, x)\n");
 * }</pre>
 */
public final class TorchScripts {
    private TorchScripts() {}

    /**
     * @param name the module's class name (a Python identifier)
     * @param parameters the forward's parameters after {@code self}, with types ({@code "x: Tensor"}, {@code "w:
     *     List[Tensor]"}); it returns one Tensor
     * @param body the forward's body as {@code torch.jit.save} writes code: four spaces of indent, torch.* calls
     * @return the compiled module, owned by {@code manager}
     * @throws ai.djl.engine.EngineException when libtorch rejects the code
     */
    public static PtSymbolBlock compile(NDManager manager, String name, List<String> parameters, String body) {
        try {
            return JniUtils.loadModule(
                    (PtNDManager) manager, new ByteArrayInputStream(archive(name, parameters, body)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TorchScript archive (format version 3) of the module {@link #compile} loads. */
    static byte[] archive(String name, List<String> parameters, String body) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        write(zip, name, parameters, body, List.of(), true);
        return zip.toByteArray();
    }

    /**
     * A float32 tensor a saved module holds as a parameter.
     *
     * @param name a Python identifier; the forward reads it as {@code self.<name>}
     * @param shape its sizes (contiguous, C order)
     */
    public record Weight(String name, long[] shape, float[] values) {
        public Weight {
            long n = 1;
            for (long s : shape) n *= s;
            if (n != values.length) {
                throw new IllegalArgumentException(
                        name + ": " + values.length + " values for shape " + Arrays.toString(shape));
            }
        }
    }

    /**
     * Writes a module with weights as {@code torch.jit.save} does (format version 3, which PyTorch 1.x and 2.x load
     * with {@code torch.jit.load}): a file that Python, DJL and bioimage.io's tools read without this plugin.
     *
     * @param weights the module's parameters (float32), saved in evaluation mode
     */
    public static void save(Path file, String name, List<String> parameters, String body, List<Weight> weights)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(out, name, parameters, body, weights, false);
        }
    }

    private static void write(
            OutputStream target,
            String name,
            List<String> parameters,
            String body,
            List<Weight> weights,
            boolean training)
            throws IOException {
        StringBuilder code = new StringBuilder("class " + name + "(Module):\n  __parameters__ = [");
        for (Weight w : weights) code.append('"').append(w.name()).append("\", ");
        code.append("]\n  __buffers__ = []\n");
        for (Weight w : weights) code.append("  ").append(w.name()).append(" : Tensor\n");
        code.append("  training : bool\n  _is_full_backward_hook : Optional[bool]\n  def forward(self: __torch__.")
                .append(name);
        for (String p : parameters) code.append(",\n    ").append(p);
        code.append(") -> Tensor:\n").append(body);
        // data.pkl: the module object, class __torch__.<name>, state {weights..., training, _is_full_backward_hook}
        Pickle data = new Pickle()
                .global("__torch__", name)
                .emptyTuple()
                .newObj()
                .emptyDict()
                .mark();
        for (int i = 0; i < weights.size(); i++) {
            Weight w = weights.get(i);
            data.string(w.name()).global("torch._utils", "_rebuild_tensor_v2").mark();
            // persistent id ('storage', torch.FloatStorage, key, location, numel) -> data/<key>
            data.mark()
                    .string("storage")
                    .global("torch", "FloatStorage")
                    .string(Integer.toString(i))
                    .string("cpu")
                    .integer(w.values().length)
                    .tuple()
                    .persistentId();
            data.integer(0).mark();
            for (long s : w.shape()) data.integer(s);
            data.tuple().mark();
            long stride = 1;
            long[] strides = new long[w.shape().length];
            for (int k = strides.length - 1; k >= 0; k--) {
                strides[k] = stride;
                stride *= w.shape()[k];
            }
            for (long s : strides) data.integer(s);
            data.tuple()
                    .bool(true)
                    .global("collections", "OrderedDict")
                    .emptyTuple()
                    .reduce()
                    .tuple()
                    .reduce();
        }
        data.string("training")
                .bool(training)
                .string("_is_full_backward_hook")
                .none()
                .setItems()
                .build()
                .stop();
        CountingStream counted = new CountingStream(target);
        try (ZipOutputStream z = new ZipOutputStream(counted)) {
            String dir = "module/";
            stored(z, counted, dir + "data.pkl", data.bytes());
            stored(z, counted, dir + "code/__torch__.py", code.toString().getBytes(StandardCharsets.UTF_8));
            stored(
                    z,
                    counted,
                    dir + "constants.pkl",
                    new Pickle().emptyTuple().stop().bytes());
            stored(z, counted, dir + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < weights.size(); i++) {
                float[] v = weights.get(i).values();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                stored(z, counted, dir + "data/" + i, b.array());
            }
        }
    }

    /** The pickle (protocol 2) opcodes a TorchScript module's {@code data.pkl} needs, as PyTorch writes them. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80);
            out.write(2);
        }

        Pickle op(int code) {
            out.write(code);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            int32(b.length);
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            if (v >= 0 && v < 256) return op('K').op((int) v);
            if (v != (int) v) throw new IllegalArgumentException("pickled integer out of 32-bit range: " + v);
            op('J');
            return int32((int) v);
        }

        private Pickle int32(int v) {
            for (int k = 0; k < 4; k++) out.write((v >>> (8 * k)) & 0xFF);
            return this;
        }

        Pickle bool(boolean v) {
            return op(v ? 0x88 : 0x89);
        }

        Pickle none() {
            return op('N');
        }

        Pickle mark() {
            return op('(');
        }

        Pickle tuple() {
            return op('t');
        }

        Pickle emptyTuple() {
            return op(')');
        }

        Pickle emptyDict() {
            return op('}');
        }

        Pickle newObj() {
            return op(0x81);
        }

        Pickle reduce() {
            return op('R');
        }

        Pickle persistentId() {
            return op('Q');
        }

        Pickle setItems() {
            return op('u');
        }

        Pickle build() {
            return op('b');
        }

        Pickle stop() {
            return op('.');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Counts the bytes written, so that each entry's data can start at a multiple of 64 as PyTorch's do. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /**
     * libtorch's archive reader wants stored (uncompressed) entries; the data of each starts at a multiple of 64
     * bytes (padding in the local header's extra field, as PyTorch writes it), so a reader may map it in place.
     */
    private static void stored(ZipOutputStream z, CountingStream counted, String name, byte[] bytes)
            throws IOException {
        z.flush();
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        long dataStart = counted.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((64 - dataStart % 64) % 64);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B'; // header id PyTorch uses for its padding
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        e.setExtra(extra);
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }
}
