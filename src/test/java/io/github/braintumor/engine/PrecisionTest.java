package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionTest {
    @Test
    void parsesTheThreeChoicesAndRefusesOthersInOneLine() {
        assertEquals(Precision.AUTO, Precision.parse(" "));
        assertEquals(Precision.BFLOAT16, Precision.parse("BFloat16"));
        assertEquals(Precision.FLOAT32, Precision.parse("float32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("auto, float32 or bfloat16"), e.getMessage());
    }

    @Test
    void autoIsBfloat16OnlyOnACpuWithNativeBf16() {
        assertEquals(Precision.FLOAT32, Precision.AUTO.resolve(Device.gpu()));
        assertEquals(
                Precision.cpuHasBfloat16() ? Precision.BFLOAT16 : Precision.FLOAT32,
                Precision.AUTO.resolve(Device.cpu()));
        assertEquals(Precision.BFLOAT16, Precision.BFLOAT16.resolve(Device.gpu())); // an explicit choice is kept
        assertEquals(Precision.FLOAT32, Precision.FLOAT32.resolve(Device.cpu()));
    }

    @Test
    void readsTheFlagsLine(@TempDir Path dir) throws Exception {
        Path zen4 =
                Files.writeString(dir.resolve("zen4"), "processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16 sha_ni\n");
        Path spr = Files.writeString(dir.resolve("spr"), "flags\t\t: avx512f amx_bf16 amx_tile\n");
        Path skylake = Files.writeString(dir.resolve("skx"), "flags\t\t: avx512f avx512bw avx512_bf16x\n");
        assertTrue(Precision.hasBf16(zen4));
        assertTrue(Precision.hasBf16(spr));
        assertFalse(Precision.hasBf16(skylake));
        assertFalse(Precision.hasBf16(dir.resolve("missing")));
    }

    @Test
    void castsThroughLibtorchRoundingToBfloat16() {
        DjlEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 + 2^-7 is a bfloat16 number; 1 + 2^-9 is not and rounds to 1; 3.14159 becomes 3.140625
            NDArray x = m.create(new float[] {1f + 1f / 128, 1f + 1f / 512, 3.14159f, -65280f});
            NDArray half = TorchCasts.toBfloat16(x);
            assertNotEquals(DataType.FLOAT32, half.getDataType()); // DJL 0.36 reads bfloat16 back as "unknown"
            assertEquals(x.getManager(), half.getManager());
            NDArray back = TorchCasts.toFloat32(half);
            assertNotSame(x, back);
            float[] v = back.toFloatArray();
            assertArrayEquals(new float[] {1f + 1f / 128, 1f, 3.140625f, -65280f}, v);
        }
    }
}
