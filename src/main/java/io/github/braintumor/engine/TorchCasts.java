package io.github.braintumor.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Casts between float32 and bfloat16, and copies into the channels-last layout, through libtorch itself. DJL 0.36's
 * JNI cannot name bfloat16 (asking it for that type ends the process in {@code std::terminate}) nor a memory
 * format, but libtorch computes in both once a tensor has them. So each conversion runs inside a tiny TorchScript
 * module ({@link TorchScripts}: {@code return torch.to(x, 15)} and the like), loaded once per process.
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

    /**
     * @return weight {@code w} as a run in this type and layout uses it: a 4-D kernel channels-last where asked, in
     *     bfloat16 where asked; {@code w} itself where neither changes it, else a copy attached to {@code w}'s manager
     */
    public static NDArray asWeight(NDArray w, boolean bfloat16, boolean channelsLast) {
        if (channelsLast && w.getShape().dimension() == 4) return toChannelsLast(w, bfloat16);
        return bfloat16 ? toBfloat16(w) : w;
    }

    private static NDArray cast(PtSymbolBlock module, NDArray x) {
        NDArray y = module.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static PtSymbolBlock load(String name, String expression) {
        return TorchScripts.compile(Modules.MANAGER, name, List.of("x: Tensor"), "    return " + expression + "\n");
    }
}
