package io.github.braintumor.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import io.github.braintumor.engine.TorchCasts;
import io.github.braintumor.engine.TorchScripts;
import io.github.braintumor.nn.UNetBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link UNetBlock}'s inference forward as one TorchScript graph (used by inference and by training's validation): each BatchNorm folded into its convolution
 * ({@link UNetBlock#foldedWeights}), each ReLU in place, libtorch's own transposed convolution, and the whole pass one
 * native call. The block's eager forward runs every BatchNorm and ReLU as a separate pass that writes a new tensor;
 * here a double convolution writes two. The weights are made once per run, in the run's type, kernels
 * channels-last. The code depends only on the depth (the weights carry the widths), so one module per depth is
 * compiled per process.
 *
 * <pre>{@code
 * try (NDManager run = manager.newSubManager()) {
 *     UNetGraph graph = UNetGraph.of(unet, run, true); // bfloat16
 *     NDArray logits = graph.forward(channelsLastBatch);
 * }
 * }</pre>
 */
public final class UNetGraph {
    private static final Map<Integer, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();
    private static final NDManager MODULE_MANAGER = NDManager.newBaseManager();

    private final PtSymbolBlock module;
    private final PtNDArray[] weights;

    private UNetGraph(PtSymbolBlock module, PtNDArray[] weights) {
        this.module = module;
        this.weights = weights;
    }

    /**
     * @param run owns the folded weights; close it after the run
     * @param bfloat16 whether the batches will be bfloat16 (the weights follow)
     */
    public static UNetGraph of(UNetBlock unet, NDManager run, boolean bfloat16) {
        List<NDArray> folded = unet.foldedWeights(run);
        PtNDArray[] weights = new PtNDArray[folded.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (PtNDArray) TorchCasts.asWeight(folded.get(i), bfloat16, true);
        }
        return new UNetGraph(MODULES.computeIfAbsent(unet.getDepth(), UNetGraph::compile), weights);
    }

    /**
     * @param x a channels-last batch in the run's type (bfloat16 where {@link #of} was asked for it)
     * @return the logits (N, Cout, H, W) of {@code x} in that type, attached to {@code x}'s manager
     */
    public NDArray forward(NDArray x) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue list = IValue.listFrom(weights);
                IValue out = module.forward(in, list)) {
            NDArray y = out.toTensor((PtNDManager) x.getManager());
            y.attach(x.getManager());
            return y;
        }
    }

    private static PtSymbolBlock compile(int depth) {
        return TorchScripts.compile(
                MODULE_MANAGER, "UNetDepth" + depth, List.of("x: Tensor", "w: List[Tensor]"), code(depth));
    }

    /** The forward of a depth-{@code depth} UNet over {@code w} in {@link UNetBlock#foldedWeights} order. */
    public static String code(int depth) {
        StringBuilder c = new StringBuilder();
        int[] next = {0};
        List<String> skips = new ArrayList<>();
        String cur = "x";
        for (int i = 1; i <= depth; i++) {
            cur = doubleConv(c, cur, "e" + i, next);
            skips.add(cur);
            c.append(line("p%d = torch.max_pool2d(%s, [2, 2], [2, 2], [0, 0], [1, 1], False)", i, cur));
            cur = "p" + i;
        }
        cur = doubleConv(c, cur, "b", next);
        for (int i = depth; i >= 1; i--) {
            int k = next[0];
            next[0] += 2;
            c.append(line("u%d = torch.conv_transpose2d(%s, w[%d], w[%d], [2, 2])", i, cur, k, k + 1));
            c.append(line("j%d = torch.cat([u%d, %s], 1)", i, i, skips.get(i - 1)));
            cur = doubleConv(c, "j" + i, "d" + i, next);
        }
        int k = next[0];
        c.append(line("return torch.conv2d(%s, w[%d], w[%d])", cur, k, k + 1));
        return c.toString();
    }

    /** Two [conv 3x3 pad 1 + folded bias, ReLU in place]; @return the variable holding the result */
    private static String doubleConv(StringBuilder c, String in, String name, int[] next) {
        String cur = in;
        for (int j = 1; j <= 2; j++) {
            int k = next[0];
            next[0] += 2;
            String out = name + "c" + j;
            c.append(line("%s = torch.relu_(torch.conv2d(%s, w[%d], w[%d], [1, 1], [1, 1]))", out, cur, k, k + 1));
            cur = out;
        }
        return cur;
    }

    private static String line(String format, Object... args) {
        return "    " + String.format(Locale.ROOT, format, args) + "\n";
    }
}
