package io.github.braintumor.bioimageio;

import com.google.gson.JsonObject;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.model.TorchScriptBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bioimage.io model package (2-D, one input, one output, TorchScript weights) made into a model bundle: its axes
 * are checked, its preprocessing becomes the bundle's normalisation, its postprocessing the sigmoid and threshold,
 * and its test tensors, where it has them, are run through the imported model and must agree. What cannot be
 * mapped exactly is refused with the reason; nothing is written then.
 *
 * <pre>{@code
 * BioImageIoImport.Result r = BioImageIoImport.run(Path.of("unet-package.zip"), Path.of("unet-bundle"));
 * System.out.println(r.summary());   // "... input 256, zero-mean-unit-variance, sigmoid, threshold 0.5, ..."
 * }</pre>
 *
 * Supported preprocessing (after dropping {@code ensure_dtype}): none, {@code scale_linear} (scalar gain and
 * offset), {@code zero_mean_unit_variance} per sample (per channel or joint) or fixed (scalar mean and std),
 * {@code fixed_zero_mean_unit_variance} (scalars), {@code scale_range} per sample per channel. Postprocessing:
 * none (the output must be declared in [0, 1]), {@code sigmoid}, {@code binarize}, or sigmoid then binarize.
 */
public final class BioImageIoImport {
    /** Largest difference from a package's test output that still counts as the same result. */
    public static final double TEST_TOLERANCE = 1e-3;

    private BioImageIoImport() {}

    /**
     * @param testDifference largest absolute difference from the package's test output (binarized outputs: the
     *     share of differing pixels), or NaN when the package has no usable test tensors
     */
    public record Result(ModelInfo info, String summary, double testDifference) {}

    /** How the package maps onto a bundle. */
    /** @param rangeUnchecked the output has no sigmoid and no declared range: its test output must show [0, 1] */
    record Mapping(
            int inputSize,
            String normalization,
            String scores,
            float threshold,
            boolean binarized,
            boolean rangeUnchecked) {}

    /**
     * Checks the output folder, maps the package, imports it and checks its test tensors.
     *
     * @throws BundleException for a package that cannot be imported (the message says why and what would do)
     */
    public static Result run(Path source, Path bundle) throws BundleException, OutputRefusedException {
        return run(source, bundle, false);
    }

    /**
     * As {@link #run(Path, Path)}; {@code overwrite} lets the import replace a model bundle already at
     * {@code bundle} (only once the imported model has passed its checks).
     */
    public static Result run(Path source, Path bundle, boolean overwrite)
            throws BundleException, OutputRefusedException {
        if (bundle == null) throw new IllegalArgumentException("no output bundle folder given");
        OutputPaths.checkBundle(bundle, overwrite, source);
        try (ModelDescription.Opened opened = ModelDescription.open(source)) {
            ModelDescription d = opened.description();
            Mapping m = map(d);
            verifySha256(d);
            JsonObject arch = new JsonObject();
            arch.addProperty("name", "bioimageio");
            arch.addProperty("output", m.scores());
            arch.addProperty("source", d.name() == null ? source.getFileName().toString() : d.name());
            arch.addProperty("formatVersion", d.formatVersion());
            if (d.license() != null) arch.addProperty("license", d.license());
            ExportMetadata.record(arch, d.description(), d.authors(), d.cite());
            ModelInfo description = ModelInfo.builder(ModelKind.UNET)
                    .setArchitecture(arch)
                    .optModelInputSize(m.inputSize())
                    .optNormalization(m.normalization())
                    .optThreshold(m.threshold())
                    .optPostProcessing(recordedPostProcessing(d))
                    .build();
            double[] difference = {Double.NaN};
            ModelInfo info;
            // checked on the staged copy: a model that disagrees with its package never replaces the bundle
            try (ModelBundle b = TorchScriptBundles.importModule(d.torchscript(), description, bundle, staged -> {
                difference[0] = testDifference(d, staged, m);
                if (m.rangeUnchecked()) checkProbabilities(d, bundle, difference[0]);
                if (difference[0] > TEST_TOLERANCE) {
                    throw new BundleException(source + ": the imported model does not reproduce the package's test"
                            + " output (largest difference " + difference[0] + " > " + TEST_TOLERANCE + "); its"
                            + " preprocessing may not be what the description says; nothing was changed at "
                            + bundle);
                }
            })) {
                info = b.info();
            }
            String summary = "bioimage.io " + d.formatVersion() + " '" + d.name() + "' -> " + bundle + ": input "
                    + m.inputSize() + "x" + m.inputSize() + ", " + m.normalization() + ", "
                    + (m.scores().equals("logits") ? "sigmoid" : "probabilities") + ", threshold " + m.threshold()
                    + (Double.isNaN(difference[0])
                            ? ", no test tensors to check"
                            : ", test output reproduced (largest difference "
                                    + String.format(Locale.ROOT, "%.2g", difference[0]) + ")");
            return new Result(info, summary, difference[0]);
        }
    }

    /**
     * An output without a sigmoid and without a declared range is accepted when its test output (which the model
     * has just reproduced) lies in [0, 1], as a network ending in a sigmoid gives.
     */
    private static void checkProbabilities(ModelDescription d, Path bundle, double difference) throws BundleException {
        String refused = d.where() + ": the output has no sigmoid and declares no data range, ";
        if (Double.isNaN(difference)) {
            throw new BundleException(refused + "and the package has no test tensors to show that it gives"
                    + " probabilities in [0, 1]; nothing was written at " + bundle);
        }
        try {
            for (float v : Npy.read(d.output().test()).data()) {
                if (!(v >= 0 && v <= 1)) {
                    throw new BundleException(refused + "and its test output holds " + v + ", outside [0, 1]: the"
                            + " plugin thresholds probabilities; nothing was written at " + bundle);
                }
            }
        } catch (IOException e) {
            throw new BundleException("Cannot read the package's test output: " + e.getMessage(), e);
        }
    }

    /**
     * The post-processing this plugin recorded when it exported the package ({@code config.brain_tumor}), so that a
     * round trip segments as before; null (none) for anyone else's package or what cannot be read.
     */
    static PostProcessingSettings recordedPostProcessing(ModelDescription d) {
        if (!(d.plugin().get("postprocessing") instanceof Map<?, ?> p)) return null;
        try {
            return PostProcessingSettings.fromMap(p);
        } catch (IllegalArgumentException e) {
            return null; // written by another version: the plain threshold is the safe reading
        }
    }

    static Mapping map(ModelDescription d) throws BundleException {
        String where = d.where();
        if (d.torchscript() == null) {
            throw new BundleException(
                    where + " has no TorchScript weights (it has: " + String.join(", ", d.weightFormats())
                            + "); the PyTorch engine of Deep Java Library runs TorchScript only: convert"
                            + " it in Python (bioimageio.core's torchscript conversion) and import that package");
        }
        if (!Files.isRegularFile(d.torchscript())) {
            throw new BundleException(where + ": the TorchScript weights " + d.torchscript() + " are missing");
        }
        ModelDescription.Tensor in = d.input();
        ModelDescription.Tensor out = d.output();
        if (!in.axes().equals(List.of("b", "c", "y", "x")) || !out.axes().equals(List.of("b", "c", "y", "x"))) {
            throw new BundleException(where + ": axes " + String.join("", in.axes()) + " -> "
                    + String.join("", out.axes()) + "; only 2-D models with axes bcyx -> bcyx can be imported");
        }
        if (in.channels() != -1 && in.channels() != 3) {
            throw new BundleException(where + ": the model takes " + in.channels() + " channel(s); the plugin feeds"
                    + " 3 (pre-contrast, FLAIR, post-contrast), so only 3-channel models can be imported");
        }
        if (out.channels() != -1 && out.channels() != 1) {
            throw new BundleException(where + ": the model gives " + out.channels() + " output channels; a"
                    + " segmentation bundle needs one (tumour probability)");
        }
        String normalization = normalization(where, in.steps());
        String scores;
        // the threshold this plugin recorded on export, else 0.5 (a binarize step below overrides either)
        float threshold = d.plugin().get("threshold") instanceof Number t && t.doubleValue() > 0 && t.doubleValue() < 1
                ? t.floatValue()
                : 0.5f;
        boolean binarized = false;
        List<ModelDescription.Step> post = withoutDtype(out.steps());
        List<String> names = post.stream().map(ModelDescription.Step::name).toList();
        double[] r = out.range();
        if (names.equals(List.of()) || names.equals(List.of("binarize"))) {
            if (names.isEmpty() && r != null && (r[0] < 0 || r[1] > 1)) {
                throw new BundleException(where + ": the output has no sigmoid and is declared outside [0, 1]"
                        + " (data range " + r[0] + ".." + r[1] + "); the plugin thresholds probabilities");
            }
            scores = "probabilities";
        } else if (names.equals(List.of("sigmoid")) || names.equals(List.of("sigmoid", "binarize"))) {
            scores = "logits";
        } else {
            throw new BundleException(where + ": postprocessing " + names + " is not supported (none, sigmoid,"
                    + " binarize, or sigmoid then binarize)");
        }
        if (names.contains("binarize")) {
            Object t = post.get(names.indexOf("binarize")).kwargs().get("threshold");
            if (t == null) throw new BundleException(where + ": binarize without a threshold");
            threshold = (float) scalar(where, "binarize threshold", t);
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new BundleException(where + ": binarize threshold " + threshold + " is not a probability");
            }
            binarized = true;
        }
        return new Mapping(inputSize(in), normalization, scores, threshold, binarized, names.isEmpty() && r == null);
    }

    /** 256 (the LGG slices) where the model allows it, else the nearest size it allows above, or its fixed size. */
    static int inputSize(ModelDescription.Tensor in) {
        int min = in.minSize();
        int step = in.step();
        if (min <= 0) return 256;
        if (step <= 0 || min >= 256) return min;
        return min + (int) Math.ceil((256.0 - min) / step) * step;
    }

    /**
     * The bundle normalisation of a preprocessing chain: each step mapped on its own, several steps as one chain
     * whose statistics come from the raw input, as bioimage.io's reference runner computes them.
     */
    static String normalization(String where, List<ModelDescription.Step> steps) throws BundleException {
        List<ModelDescription.Step> pre = withoutDtype(steps);
        if (pre.isEmpty()) return Normalization.linearId(1, 0);
        List<String> ids = new ArrayList<>();
        for (ModelDescription.Step s : pre) ids.add(step(where, s));
        if (ids.size() == 1 && ids.get(0).equals(Normalization.linearId(1 / 255.0, 0))) {
            return Normalization.DIVIDE_BY_255.id();
        }
        return Normalization.chainId(ids);
    }

    private static String step(String where, ModelDescription.Step s) throws BundleException {
        Map<String, Object> k = s.kwargs();
        String mode = ModelDescription.string(k.get("mode"));
        switch (s.name()) {
            case "scale_linear" -> {
                double gain = k.containsKey("gain") ? scalar(where, "scale_linear gain", k.get("gain")) : 1;
                double offset = k.containsKey("offset") ? scalar(where, "scale_linear offset", k.get("offset")) : 0;
                if (Math.abs(gain - 1 / 255.0) < 1e-9 && offset == 0) gain = 1 / 255.0;
                return Normalization.linearId(gain, offset);
            }
            case "clip" -> {
                double min = k.containsKey("min") ? scalar(where, "clip min", k.get("min")) : Double.NEGATIVE_INFINITY;
                double max = k.containsKey("max") ? scalar(where, "clip max", k.get("max")) : Double.POSITIVE_INFINITY;
                if (!(min <= max)) throw new BundleException(where + ": clip min " + min + " > max " + max);
                return Normalization.clipId(min, max);
            }
            case "zero_mean_unit_variance", "fixed_zero_mean_unit_variance" -> {
                if ("fixed".equals(mode) || s.name().startsWith("fixed")) {
                    double mean = scalar(where, "mean", k.get("mean"));
                    double std = scalar(where, "std", k.get("std"));
                    double eps = k.containsKey("eps") ? scalar(where, "eps", k.get("eps")) : 1e-6;
                    return Normalization.linearId(1 / (std + eps), -mean / (std + eps));
                }
                if (mode != null && !mode.equals("per_sample")) {
                    throw new BundleException(where + ": zero_mean_unit_variance mode " + mode + " is not supported"
                            + " (per_sample or fixed)");
                }
                return jointAxes(k.get("axes"))
                        ? Normalization.ZERO_MEAN_UNIT_VARIANCE_JOINT
                        : Normalization.ZERO_MEAN_UNIT_VARIANCE;
            }
            case "scale_range" -> {
                if ((mode != null && !mode.equals("per_sample")) || k.get("reference_tensor") != null) {
                    throw new BundleException(
                            where + ": scale_range only per sample on the input itself can be imported");
                }
                double min =
                        k.containsKey("min_percentile") ? scalar(where, "min_percentile", k.get("min_percentile")) : 0;
                double max = k.containsKey("max_percentile")
                        ? scalar(where, "max_percentile", k.get("max_percentile"))
                        : 100;
                if (!(min >= 0 && min < max && max <= 100)) {
                    throw new BundleException(where + ": scale_range percentiles " + min + ", " + max + " are not"
                            + " 0 <= min < max <= 100");
                }
                return Normalization.rangeId(min, max, jointAxes(k.get("axes")));
            }
            default ->
                throw new BundleException(where + ": preprocessing '" + s.name() + "' is not supported"
                        + " (scale_linear, clip, zero_mean_unit_variance, scale_range)");
        }
    }

    /** True when normalisation statistics span the channels too (0.4 "cyx", 0.5 a list with c, or no axes: all). */
    private static boolean jointAxes(Object axes) {
        if (axes == null) return true;
        if (axes instanceof String letters) return letters.contains("c");
        return ModelDescription.list(axes).stream().anyMatch(a -> "c".equals(a) || "channel".equals(a));
    }

    private static List<ModelDescription.Step> withoutDtype(List<ModelDescription.Step> steps) {
        return steps.stream().filter(s -> !"ensure_dtype".equals(s.name())).toList();
    }

    /** A number, or a list of equal numbers (one per channel); per-channel values that differ are refused. */
    private static double scalar(String where, String what, Object value) throws BundleException {
        if (value == null) throw new BundleException(where + ": " + what + " is missing");
        List<Object> values = ModelDescription.list(value);
        double first = ModelDescription.number(values.get(0));
        for (Object v : values) {
            if (ModelDescription.number(v) != first) {
                throw new BundleException(where + ": per-channel " + what + " " + values + " is not supported (one"
                        + " value for all channels)");
            }
        }
        return first;
    }

    private static void verifySha256(ModelDescription d) throws BundleException {
        if (d.torchscriptSha256() == null) return;
        try {
            String actual = AtomicFiles.sha256(d.torchscript());
            if (!actual.equalsIgnoreCase(d.torchscriptSha256())) {
                throw new BundleException(
                        d.where() + ": its TorchScript weights have SHA-256 " + actual + " but the description says "
                                + d.torchscriptSha256() + ": the weights are damaged or not these");
            }
        } catch (IOException e) {
            throw new BundleException("Cannot read " + d.torchscript() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the package's test input through the imported model as the plugin would; NaN without test tensors. */
    static double testDifference(ModelDescription d, ModelBundle b, Mapping m) throws BundleException {
        Path in = d.input().test();
        Path out = d.output().test();
        if (in == null || out == null || !Files.isRegularFile(in) || !Files.isRegularFile(out)) return Double.NaN;
        Npy.Array x;
        Npy.Array expected;
        try {
            x = Npy.read(in);
            expected = Npy.read(out);
        } catch (IOException e) {
            throw new BundleException("Cannot read the package's test tensors: " + e.getMessage(), e);
        }
        if (x.shape().length != 4 || x.shape()[0] != 1 || x.shape()[1] != 3) return Double.NaN;
        float[] y = Forward.probabilities(
                b.model(), x.data(), x.shape(), m.normalization(), m.scores().equals("logits"));
        if (y.length != expected.data().length) {
            throw new BundleException("The imported model gives " + y.length + " values for the package's test"
                    + " input but its test output has " + expected.data().length + " (" + expected + ")");
        }
        if (m.binarized()) {
            int differ = 0;
            for (int i = 0; i < y.length; i++) {
                if ((ThresholdRule.positive(y[i], m.threshold()) ? 1f : 0f) != (expected.data()[i] > 0.5f ? 1f : 0f))
                    differ++;
            }
            return differ / (double) y.length;
        }
        return Forward.maxDifference(y, expected.data());
    }
}
