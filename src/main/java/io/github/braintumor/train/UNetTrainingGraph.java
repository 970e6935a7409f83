package io.github.braintumor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.util.Pair;
import io.github.braintumor.engine.TorchScripts;
import io.github.braintumor.nn.UNetBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link UNetBlock}'s training forward as one TorchScript graph, in bfloat16 mixed precision the way PyTorch's CPU
 * autocast runs it: the float32 master weights are cast to bfloat16 inside the graph (so their gradients arrive in
 * float32 and Adam keeps float32 state), convolutions and activations run in bfloat16, BatchNorm takes bfloat16
 * input with float32 parameters and running statistics (updated in place, momentum 0.1 as PyTorch's), and the
 * logits come back in float32 for a float32 loss. Autograd records every op of the graph, so the trainer's
 * gradient collector and optimizer work unchanged. {@code bfloat16 == false} gives the same graph without casts
 * (the test compares it with the block's own forward, gradient for gradient).
 *
 * <pre>{@code
 * UNetTrainingGraph graph = UNetTrainingGraph.of(unet, true);
 * try (GradientCollector gc = trainer.newGradientCollector()) {
 *     NDArray loss = trainer.getLoss().evaluate(labels, graph.forward(batch));
 *     gc.backward(loss);
 * }
 * trainer.step();
 * }</pre>
 *
 * <p>One module per depth and type is compiled per process; it holds no tensors (the weights come in as
 * arguments). Measured (docs/BENCHMARKS.md): 2-2.5x the float32 step on a CPU with AVX512_BF16.
 */
public final class UNetTrainingGraph {
    private static final Map<String, PtSymbolBlock> MODULES = new ConcurrentHashMap<>();
    private static final NDManager MODULE_MANAGER = NDManager.newBaseManager();
    private static final int BFLOAT16 = 15; // torch ScalarType codes
    private static final int FLOAT32 = 6;

    private final PtSymbolBlock module;
    private final List<Parameter> parameters;

    private UNetTrainingGraph(PtSymbolBlock module, List<Parameter> parameters) {
        this.module = module;
        this.parameters = parameters;
    }

    /** @param unet an initialized block; its parameters are read on every {@link #forward} (they change) */
    public static UNetTrainingGraph of(UNetBlock unet, boolean bfloat16) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : unet.getParameters()) parameters.add(p.getValue());
        String key = unet.getDepth() + (bfloat16 ? "bf16" : "f32");
        PtSymbolBlock module = MODULES.computeIfAbsent(key, k -> compile(unet, parameters.size(), bfloat16));
        return new UNetTrainingGraph(module, parameters);
    }

    /** @return the float32 logits (N, Cout, H, W) of {@code x} (float32), attached to {@code x}'s manager */
    public NDArray forward(NDArray x) {
        NDList in = new NDList(parameters.size() + 1);
        in.add(x);
        for (Parameter p : parameters) in.add(p.getArray());
        NDArray y = IValueUtils.forward(module, in, true).singletonOrThrow(); // true: autograd records the graph
        y.attach(x.getManager());
        return y;
    }

    private static PtSymbolBlock compile(UNetBlock unet, int count, boolean bfloat16) {
        List<String> signature = new ArrayList<>();
        signature.add("x: Tensor");
        for (int i = 0; i < count; i++) signature.add("w" + i + ": Tensor");
        String name = "UNetTrainDepth" + unet.getDepth() + (bfloat16 ? "Bfloat16" : "Float32");
        return TorchScripts.compile(MODULE_MANAGER, name, signature, code(unet, bfloat16));
    }

    /**
     * The forward over the block's parameters in {@code getParameters()} order (children in the order the block
     * adds them: encoders, bottleneck, then per decoder stage its transposed convolution and double convolution, and
     * the 1x1 head), read from the block's children so that the two cannot drift apart.
     */
    static String code(UNetBlock unet, boolean bfloat16) {
        Code c = new Code(bfloat16);
        c.line("h = %s", c.cast("x"));
        int depth = unet.getDepth();
        for (Map.Entry<String, Block> child : children(unet)) {
            String name = child.getKey();
            Block block = child.getValue();
            if (name.startsWith("encoder")) {
                doubleConv(c, block);
                c.line("s%s = h", name.substring("encoder".length()));
                c.line("h = torch.max_pool2d(h, [2, 2], [2, 2], [0, 0], [1, 1], False)");
            } else if (name.equals("bottleneck") || name.startsWith("decoder")) {
                doubleConv(c, block);
            } else if (name.startsWith("upconv")) {
                int w = c.take(2);
                c.line("h = torch.conv_transpose2d(h, %s, %s, [2, 2])", c.cast("w" + w), c.cast("w" + (w + 1)));
                c.line("h = torch.cat([h, s%s], 1)", name.substring("upconv".length()));
            } else if (name.equals("conv")) {
                int w = c.take(2);
                String logits =
                        String.format(Locale.ROOT, "torch.conv2d(h, %s, %s)", c.cast("w" + w), c.cast("w" + (w + 1)));
                c.line("return %s", bfloat16 ? "torch.to(" + logits + ", " + FLOAT32 + ")" : logits);
            } else {
                throw new IllegalStateException("UNet child " + name + " has no place in the training graph");
            }
        }
        if (c.next != unet.getParameters().size() || depth < 1) {
            throw new IllegalStateException("training graph used " + c.next + " of "
                    + unet.getParameters().size() + " parameters");
        }
        return c.text.toString();
    }

    private static List<Map.Entry<String, Block>> children(UNetBlock unet) {
        List<Map.Entry<String, Block>> out = new ArrayList<>();
        for (Pair<String, Block> p : unet.getChildren()) out.add(Map.entry(childName(p.getKey()), p.getValue()));
        return out;
    }

    /** DJL prefixes child names with their index ("01encoder1"). */
    private static String childName(String key) {
        int i = 0;
        while (i < key.length() && Character.isDigit(key.charAt(i))) i++;
        return key.substring(i);
    }

    /** [conv 3x3 pad 1, BatchNorm (training: batch statistics, running ones updated), ReLU in place] x 2. */
    private static void doubleConv(Code c, Block block) {
        String conv = null;
        for (Pair<String, Block> layer : block.getChildren()) {
            Block b = layer.getValue();
            if (b instanceof Conv2d) {
                conv = String.format(Locale.ROOT, "torch.conv2d(h, %s, None, [1, 1], [1, 1])", c.cast("w" + c.take(1)));
            } else if (b instanceof BatchNorm) {
                int w = c.take(4); // gamma, beta, runningMean, runningVar
                c.line(
                        "h = torch.relu_(torch.batch_norm(%s, w%d, w%d, w%d, w%d, True, 0.1, %s, True))",
                        conv, w, w + 1, w + 2, w + 3, Double.toString(UNetBlock.BATCH_NORM_EPSILON));
            }
        }
    }

    /** The code being written and the next parameter's index. */
    private static final class Code {
        final StringBuilder text = new StringBuilder();
        final boolean bfloat16;
        int next;

        Code(boolean bfloat16) {
            this.bfloat16 = bfloat16;
        }

        int take(int n) {
            int first = next;
            next += n;
            return first;
        }

        String cast(String variable) {
            return bfloat16 ? "torch.to(" + variable + ", " + BFLOAT16 + ")" : variable;
        }

        void line(String format, Object... args) {
            text.append("    ").append(String.format(Locale.ROOT, format, args)).append('\n');
        }
    }
}
