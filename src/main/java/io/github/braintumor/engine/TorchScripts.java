package io.github.braintumor.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        StringBuilder code = new StringBuilder("class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  _is_full_backward_hook : Optional[bool]\n"
                + "  def forward(self: __torch__." + name);
        for (String p : parameters) code.append(",\n    ").append(p);
        code.append(") -> Tensor:\n").append(body);
        // pickle protocol 2 of the module object: class __torch__.<name>, state {training: True,
        // _is_full_backward_hook: None}
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(new byte[] {(byte) 0x80, 2});
        data.write(("c__torch__\n" + name + "\nq\0)\u0081}(X\u0008\0\0\0trainingq\u0001\u0088"
                        + "X\u0016\0\0\0_is_full_backward_hookq\u0002Nubq\u0003.")
                .getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            String dir = "module/";
            stored(z, dir + "data.pkl", data.toByteArray());
            stored(z, dir + "code/__torch__.py", code.toString().getBytes(StandardCharsets.UTF_8));
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
