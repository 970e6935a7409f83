package io.github.braintumor.engine;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number format inference and training compute in: {@code float32}, {@code bfloat16} (8-bit mantissa, float32's
 * range; oneDNN runs its convolutions 1.6-1.7x faster where the CPU has native bf16 instructions) or {@code auto}
 * (bfloat16 on a CPU with AVX512_BF16 or AMX, else float32). Training in bfloat16 is mixed precision: float32
 * weights, optimizer state and loss, bfloat16 convolutions and activations (the UNet; the slice classifier trains
 * in float32). A TorchScript module runs in float32, its graph casting for itself.
 *
 * <pre>{@code
 * Precision p = Precision.parse("auto").resolve(Device.cpu());   // BFLOAT16 on a Zen 4 or Sapphire Rapids
 * InferenceOptions o = InferenceOptions.builder().optPrecision(p).build();
 * }</pre>
 *
 * The default of a process is {@link #AUTO} unless the system property {@value #PROPERTY} says otherwise (the
 * CLI's {@code --precision} and the Options dialog set it).
 */
public enum Precision {
    AUTO,
    FLOAT32,
    BFLOAT16;

    /** System property giving the process's default ({@code auto}, {@code float32} or {@code bfloat16}). */
    public static final String PROPERTY = "braintumor.precision";

    /** @return the lower-case name used in macros, the CLI and logs */
    public String id() {
        return Choices.id(this);
    }

    /** @return the ids in menu order: auto, float32, bfloat16 */
    public static String[] ids() {
        return Choices.ids(Precision.class);
    }

    /**
     * @param text {@code auto}, {@code float32} or {@code bfloat16} (any case; blank = auto)
     * @throws IllegalArgumentException with one line naming the allowed values
     */
    public static Precision parse(String text) {
        return Choices.parse(Precision.class, text, AUTO, "precision");
    }

    /** @return the choice named by {@value #PROPERTY}, or {@link #AUTO} */
    public static Precision processDefault() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * @return {@link #FLOAT32} or {@link #BFLOAT16}: what this choice means on {@code device}. Auto picks bfloat16
     *     only on a CPU with native bf16 arithmetic (measured there); on a GPU it stays float32, unmeasured.
     */
    public Precision resolve(Device device) {
        if (this != AUTO) return this;
        return device.isGpu() || !cpuHasBfloat16() ? FLOAT32 : BFLOAT16;
    }

    /** @return whether the CPU advertises AVX512_BF16 or AMX-BF16 (Linux {@code /proc/cpuinfo}; false elsewhere) */
    public static boolean cpuHasBfloat16() {
        return CpuFlags.BF16;
    }

    /** Read once: the flags do not change while the process runs. */
    private static final class CpuFlags {
        static final boolean BF16 = hasBf16(Path.of("/proc/cpuinfo"));
    }

    static boolean hasBf16(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    for (String flag :
                            line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                        if (flag.equals("avx512_bf16") || flag.equals("amx_bf16")) return true;
                    }
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
