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
 * Casts between float32 and bfloat16 through libtorch itself. DJL 0.36's JNI cannot name bfloat16 (asking it for
 * that type ends the process in {@code std::terminate}), but libtorch computes in it once a tensor has the type. So
 * the cast runs inside two tiny TorchScript modules, written here as the archive {@code torch.jit.save} produces for
 * {@code return x.to(dtype)} (code, pickled module object, no weights), loaded once per process.
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
        static final PtSymbolBlock TO_BF16 = load("ToBfloat16", BFLOAT16);
        static final PtSymbolBlock TO_F32 = load("ToFloat32", FLOAT32);
    }

    /** @return {@code x} as bfloat16, attached to {@code x}'s manager */
    public static NDArray toBfloat16(NDArray x) {
        return cast(Modules.TO_BF16, x);
    }

    /** @return {@code x} as float32, attached to {@code x}'s manager */
    public static NDArray toFloat32(NDArray x) {
        return cast(Modules.TO_F32, x);
    }

    private static NDArray cast(PtSymbolBlock module, NDArray x) {
        NDArray y = module.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static PtSymbolBlock load(String name, int scalarType) {
        try {
            return JniUtils.loadModule(
                    (PtNDManager) Modules.MANAGER, new ByteArrayInputStream(archive(name, scalarType)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TorchScript archive (format version 3) of a module whose forward is {@code torch.to(x, scalarType)}. */
    static byte[] archive(String name, int scalarType) throws IOException {
        String code = "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  _is_full_backward_hook : Optional[bool]\n"
                + "  def forward(self: __torch__." + name + ",\n"
                + "    x: Tensor) -> Tensor:\n"
                + "    return torch.to(x, " + scalarType + ")\n";
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
