package io.github.braintumor.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The UNet of Buda et al. (brain-segmentation-pytorch) as a DJL block; build it with {@link UNet#builder()}.
 * Encoder stages of two [conv 3x3 pad 1 no bias, BatchNorm, ReLU], max-pool 2, a bottleneck, decoder stages of a
 * transposed convolution (k 2, s 2, bias) + concatenation with the skip + the same double convolution, and a 1x1
 * convolution with bias. Input (N, Cin, H, W) with H and W divisible by 2^depth; output logits (N, Cout, H, W).
 * Child names follow the PyTorch module names (encoder1 .. encoder4, bottleneck, upconv4, decoder4, ..., conv).
 *
 * <p>In inference ({@code training == false}) the intermediates of a forward pass live in a temporary manager
 * that is closed at the end; only the output is attached back to the input's manager.
 */
public class UNetBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** BatchNorm's epsilon in every double convolution (PyTorch's default). */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    private final int inChannels;
    private final int outChannels;
    private final int features;
    private final int depth;
    private final List<Block> encoders = new ArrayList<>();
    private final Block bottleneck;
    private final List<Block> upconvs = new ArrayList<>(); // index i: stage i+1
    private final List<Block> decoders = new ArrayList<>(); // index i: stage i+1
    private final Block head;

    UNetBlock(int inChannels, int outChannels, int features, int depth) {
        super(VERSION);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.features = features;
        this.depth = depth;
        for (int i = 1; i <= depth; i++) {
            encoders.add(addChildBlock("encoder" + i, doubleConv(width(i))));
        }
        bottleneck = addChildBlock("bottleneck", doubleConv(width(depth + 1)));
        Block[] ups = new Block[depth];
        Block[] decs = new Block[depth];
        for (int i = depth; i >= 1; i--) {
            ups[i - 1] = addChildBlock(
                    "upconv" + i,
                    TransposedConv2d.builder()
                            .setFilters(width(i))
                            .setKernelShape(new Shape(2, 2))
                            .optStride(2)
                            .optBias(true)
                            .build());
            decs[i - 1] = addChildBlock("decoder" + i, doubleConv(width(i)));
        }
        upconvs.addAll(List.of(ups));
        decoders.addAll(List.of(decs));
        head = addChildBlock(
                "conv",
                Conv2d.builder()
                        .setFilters(outChannels)
                        .setKernelShape(new Shape(1, 1))
                        .optBias(true)
                        .build());
    }

    /** Two [conv 3x3 pad 1 without bias, BatchNorm (eps 1e-5, PyTorch momentum 0.1), ReLU]. */
    static SequentialBlock doubleConv(int filters) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            block.add(Conv2d.builder()
                    .setFilters(filters)
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .optBias(false)
                    .build());
            // DJL's momentum is the weight of the old running value: 0.9 here is PyTorch's 0.1.
            block.add(BatchNorm.builder()
                    .optEpsilon(BATCH_NORM_EPSILON)
                    .optMomentum(0.9f)
                    .build());
            block.add(Activation.reluBlock());
        }
        return block;
    }

    /** Channels of stage {@code i} (1-based; depth + 1 is the bottleneck). */
    private int width(int stage) {
        return features << (stage - 1);
    }

    public int getInChannels() {
        return inChannels;
    }

    public int getOutChannels() {
        return outChannels;
    }

    public int getFeatures() {
        return features;
    }

    public int getDepth() {
        return depth;
    }

    /** @return 2^depth: height and width of inputs must be multiples of it */
    public int sizeMultiple() {
        return 1 << depth;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        if (training) {
            return new NDList(run(ps, x, true, params)); // autograd needs the intermediates
        }
        NDManager outer = x.getManager();
        try (NDManager temp = outer.newSubManager()) {
            x.tempAttach(temp); // ops on x now land in temp; x goes back to outer when temp closes
            NDArray y = run(ps, x, false, params);
            y.attach(outer);
            return new NDList(y);
        }
    }

    private NDArray run(ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
        List<NDArray> skips = new ArrayList<>(depth);
        NDArray cur = x;
        for (Block encoder : encoders) {
            cur = encoder.forward(ps, new NDList(cur), training, params).singletonOrThrow();
            skips.add(cur);
            cur = Pool.maxPool2d(cur, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        cur = bottleneck.forward(ps, new NDList(cur), training, params).singletonOrThrow();
        for (int i = depth - 1; i >= 0; i--) {
            NDArray up = upconvs.get(i)
                    .forward(ps, new NDList(cur), training, params)
                    .singletonOrThrow();
            NDArray joined = up.concat(skips.get(i), 1); // (upsampled, skip) as torch.cat((up, e), 1)
            cur = decoders.get(i)
                    .forward(ps, new NDList(joined), training, params)
                    .singletonOrThrow();
        }
        return head.forward(ps, new NDList(cur), training, params).singletonOrThrow();
    }

    /**
     * The weights of an inference forward with every BatchNorm folded into the convolution before it (evaluation
     * mode: {@code w * g / sqrt(v + eps)} and bias {@code b - m * g / sqrt(v + eps)} from the running statistics), in
     * the order the layers run: per encoder stage, the bottleneck and per decoder stage the two convolutions' (weight,
     * bias); before each decoder stage the transposed convolution's (weight, bias); last the 1x1 head's (weight,
     * bias). Computed in float32 from the current parameters.
     *
     * @param into owns every array made here (the parameters themselves are left as they are)
     */
    public List<NDArray> foldedWeights(NDManager into) {
        List<NDArray> out = new ArrayList<>();
        for (Block encoder : encoders) fold(encoder, into, out);
        fold(bottleneck, into, out);
        for (int i = depth - 1; i >= 0; i--) {
            Block up = upconvs.get(i);
            out.add(copy(up.getParameters().get("weight").getArray(), into));
            out.add(copy(up.getParameters().get("bias").getArray(), into));
            fold(decoders.get(i), into, out);
        }
        out.add(copy(head.getParameters().get("weight").getArray(), into));
        out.add(copy(head.getParameters().get("bias").getArray(), into));
        return out;
    }

    /** (weight, bias) of each [conv, BatchNorm] of a double convolution, BatchNorm folded in. */
    private static void fold(Block doubleConv, NDManager into, List<NDArray> out) {
        NDArray weight = null;
        for (Block layer : doubleConv.getChildren().values()) {
            if (layer instanceof Conv2d) {
                weight = layer.getParameters().get("weight").getArray();
            } else if (layer instanceof BatchNorm) {
                try (NDManager temp = into.newSubManager()) {
                    NDArray gamma = copy(layer.getParameters().get("gamma").getArray(), temp);
                    NDArray scale = gamma.div(
                            copy(layer.getParameters().get("runningVar").getArray(), temp)
                                    .add(BATCH_NORM_EPSILON)
                                    .sqrt());
                    NDArray w = copy(weight, temp).mul(scale.reshape(-1, 1, 1, 1));
                    NDArray b = copy(layer.getParameters().get("beta").getArray(), temp)
                            .sub(copy(layer.getParameters().get("runningMean").getArray(), temp)
                                    .mul(scale));
                    w.attach(into);
                    b.attach(into);
                    out.add(w);
                    out.add(b);
                }
            }
        }
    }

    /** @return a copy of {@code a} owned by {@code m}: operations on it land in {@code m}, not the model's */
    private static NDArray copy(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }

    private void checkInput(Shape s) {
        if (s.dimension() != 4 || s.get(1) != inChannels) {
            throw new IllegalArgumentException("UNet expects (N, " + inChannels + ", H, W), got " + s);
        }
        if (s.get(2) % sizeMultiple() != 0 || s.get(3) % sizeMultiple() != 0) {
            throw new IllegalArgumentException("UNet of depth " + depth + " needs height and width divisible by "
                    + sizeMultiple() + ", got " + s.get(2) + "x" + s.get(3) + ": pad or crop the input");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        Shape cur = inputShapes[0];
        List<Shape> skips = new ArrayList<>();
        for (Block encoder : encoders) {
            cur = initialize(encoder, manager, dataType, cur);
            skips.add(cur);
            cur = new Shape(cur.get(0), cur.get(1), cur.get(2) / 2, cur.get(3) / 2);
        }
        cur = initialize(bottleneck, manager, dataType, cur);
        for (int i = depth - 1; i >= 0; i--) {
            Shape up = initialize(upconvs.get(i), manager, dataType, cur);
            Shape joined = new Shape(up.get(0), up.get(1) + skips.get(i).get(1), up.get(2), up.get(3));
            cur = initialize(decoders.get(i), manager, dataType, joined);
        }
        initialize(head, manager, dataType, cur);
    }

    private static Shape initialize(Block block, NDManager manager, DataType dataType, Shape input) {
        block.initialize(manager, dataType, input);
        return block.getOutputShapes(new Shape[] {input})[0];
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("Unsupported UNetBlock encoding version " + loadVersion);
        }
        readInputShapes(is);
    }

    @Override
    public String toString() {
        return "UNet(in=" + inChannels + ", out=" + outChannels + ", features=" + features + ", depth=" + depth + ")";
    }
}
