package io.github.braintumor.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Casts between float32 and bfloat16, and copies into the channels-last layout, through libtorch itself. DJL 0.36's
 * JNI cannot name bfloat16 (asking it for that type ends the process in {@code std::terminate}) nor a memory
 * format, but libtorch computes in both once a tensor has them. So each conversion runs inside a tiny TorchScript
 * module, written here as the archive {@code torch.jit.save} produces for {@code return x.to(dtype)} and the like
 * (code, pickled module object, no weights), loaded once per process.
 *
 * <pre>{@code
 * NDArray half = TorchCasts.toBfloat16(x);   // attached to x's manager
 * NDArray back = TorchCasts.toFloat32(half);
 * }</pre>
 */
public final class TorchCasts {
    private TorchCasts() {}

    /** torch's ScalarType codes, as TorchScript writes them. */
    private static final int FLOAT32 = 6;

    private static final int BFLOAT16 = 15;

    /** Loaded on first use, kept for the process (the modules hold no tensors). */
    private static final class Modules {
        static final NDManager MANAGER = NDManager.newBaseManager();
        // torch.to keeps the layout; torch.contiguous without a format gives the standard one DJL's readers expect
        static final PtSymbolBlock TO_BF16 = load("ToBfloat16", "torch.to(x, " + BFLOAT16 + ")");
        static final PtSymbolBlock TO_F32 = load("ToFloat32", "torch.contiguous(torch.to(x, " + FLOAT32 + "))");
        // memory_format 2 is torch.channels_last
        static final PtSymbolBlock TO_BF16_NHWC =
                load("ToBfloat16ChannelsLast", "torch.contiguous(torch.to(x, " + BFLOAT16 + "), memory_format=2)");
        static final PtSymbolBlock TO_F32_NHWC =
                load("ToFloat32ChannelsLast", "torch.contiguous(torch.to(x, " + FLOAT32 + "), memory_format=2)");
    }

    /** @return {@code x} as bfloat16 in its own layout, attached to {@code x}'s manager */
    public static NDArray toBfloat16(NDArray x) {
        return cast(Modules.TO_BF16, x);
    }

    /** @return {@code x} as float32 in the standard (row-major NCHW) layout, attached to {@code x}'s manager */
    public static NDArray toFloat32(NDArray x) {
        return cast(Modules.TO_F32, x);
    }

    /**
     * @param x a 4-D (N, C, H, W) array
     * @return a copy of {@code x} in float32 or bfloat16, stored channels-last ({@link ChannelsLast}): for weights,
     *     which a convolution on a channels-last batch would otherwise reorder on every call
     */
    public static NDArray toChannelsLast(NDArray x, boolean bfloat16) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("channels-last needs a 4-D array, got " + x.getShape());
        }
        return cast(bfloat16 ? Modules.TO_BF16_NHWC : Modules.TO_F32_NHWC, x);
    }

    private static NDArray cast(PtSymbolBlock module, NDArray x) {
        NDArray y = module.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static PtSymbolBlock load(String name, String expression) {
        try {
            return JniUtils.loadModule(
                    (PtNDManager) Modules.MANAGER, new ByteArrayInputStream(archive(name, expression)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param expression TorchScript of one tensor {@code x}, as {@code torch.jit.save} writes it ({@code torch.to(x, 6)})
     * @return the TorchScript archive (format version 3) of a module whose forward returns {@code expression}
     */
    static byte[] archive(String name, String expression) throws IOException {
        String code = "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  _is_full_backward_hook : Optional[bool]\n"
                + "  def forward(self: __torch__." + name + ",\n"
                + "    x: Tensor) -> Tensor:\n"
                + "    return " + expression + "\n";
        // pickle protocol 2 of the module object: class __torch__.<name>, state {training: True,
        // _is_full_backward_hook: None}
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(new byte[] {(byte) 0x80, 2});
        data.write(("c__torch__\n" + name + "\nq\0)\u0081}(X\u0008\0\0\0trainingq\u0001\u0088"
                        + "X\u0016\0\0\0_is_full_backward_hookq\u0002Nubq\u0003.")
                .getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            String dir = "cast/";
            stored(z, dir + "data.pkl", data.toByteArray());
            stored(z, dir + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(z, dir + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(z, dir + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return zip.toByteArray();
    }

    /** libtorch's archive reader wants stored (uncompressed) entries. */
    private static void stored(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }
}
