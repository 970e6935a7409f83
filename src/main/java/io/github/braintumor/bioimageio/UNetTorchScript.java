package io.github.braintumor.bioimageio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.braintumor.engine.TorchScripts;
import io.github.braintumor.infer.UNetGraph;
import io.github.braintumor.nn.UNetBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A trained {@link UNetBlock} written as a TorchScript file that PyTorch and bioimage.io's tools run without this
 * plugin: every BatchNorm folded into its convolution ({@link UNetBlock#foldedWeights}, float32), the forward of
 * {@link UNetGraph#code}, and optionally Buda's {@code percentile-zscore} normalisation of each sample in front of
 * it, so that a consumer feeds the raw 0..255 slice. The normalisation is inside because bioimage.io's reference
 * runner computes every per-sample statistic of a preprocessing chain on the raw input, which makes the chain
 * [scale_range, clip, zero_mean_unit_variance] mean something else than the normalisation it would describe.
 *
 * <pre>{@code
 * UNetTorchScript.write((UNetBlock) bundle.model().getBlock(), true, Path.of("weights.pt"));
 * // python: torch.jit.load("weights.pt")(torch.from_numpy(raw_slice_1x3x256x256))  -> logits
 * }</pre>
 */
final class UNetTorchScript {
    /** The module's class name in the archive. */
    static final String CLASS_NAME = "BrainTumorUNet";

    /**
     * {@code tensor.IntensityStatistics} per sample, in float64 as the plugin computes it: p10 and p99 of all values
     * of the slice (linear interpolation, numpy's default), {@code clamp((v - p10) / (p99 - p10), 0, 1)} rounded to
     * float32, then per channel {@code (u - mean) / std} with the population std; a zero range or std gives 0.
     */
    static final String PERCENTILE_ZSCORE = """
                v = x.double()
                n = v.size(0)
                flat = v.reshape([n, -1])
                lo = torch.quantile(flat, 0.1, 1).reshape([n, 1, 1, 1])
                span = torch.quantile(flat, 0.99, 1).reshape([n, 1, 1, 1]) - lo
                spread = torch.gt(span, 0.0)
                u = torch.where(spread, (v - lo) / torch.where(spread, span, torch.ones_like(span)), torch.zeros_like(v))
                u = torch.clamp(u, 0.0, 1.0).float().double()
                mean = u.mean([2, 3], True)
                std = torch.sqrt(((u - mean) * (u - mean)).mean([2, 3], True))
                varies = torch.gt(std, 0.0)
                x = torch.where(varies, (u - mean) / torch.where(varies, std, torch.ones_like(std)), torch.zeros_like(u)).float()
            """;

    private UNetTorchScript() {}

    /**
     * @param percentileZscore whether the module normalises its raw input itself ({@link #PERCENTILE_ZSCORE})
     */
    static void write(UNetBlock unet, boolean percentileZscore, Path file) throws IOException {
        List<TorchScripts.Weight> weights = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> folded = unet.foldedWeights(m);
            for (int i = 0; i < folded.size(); i++) {
                NDArray a = folded.get(i);
                weights.add(new TorchScripts.Weight(
                        "w" + i,
                        a.getShape().getShape(),
                        a.toType(DataType.FLOAT32, false).toFloatArray()));
            }
        }
        StringJoiner list = new StringJoiner(", ", "    w = [", "]\n");
        for (TorchScripts.Weight w : weights) list.add("self." + w.name());
        String body = list + (percentileZscore ? PERCENTILE_ZSCORE : "") + UNetGraph.code(unet.getDepth());
        TorchScripts.save(file, CLASS_NAME, List.of("x: Tensor"), body, weights);
    }
}
