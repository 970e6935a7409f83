package io.github.braintumor.bioimageio;

import io.github.braintumor.Version;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.report.Overlay;
import io.github.braintumor.tensor.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A segmentation bundle's description in bioimage.io form (format 0.5), beside its own weights: {@code rdf.yaml}
 * (SPDX licences of code, weights and data, authors, citations, pre- and postprocessing, the plugin's threshold
 * and post-processing under {@code config}), {@code README.md} (the model card), {@code cover.png}, and a test
 * input/output pair as {@code .npy} made by running the model on a synthetic phantom slice.
 *
 * <pre>{@code
 * BioImageIoExport.Result r = BioImageIoExport.run(Path.of("unet-bundle"), Path.of("unet-bioimageio"), null);
 * System.out.println(r.summary());
 * }</pre>
 *
 * Weights: a TorchScript bundle (e.g. one imported) is written as bioimage.io {@code torchscript} weights, so the
 * package is complete. A bundle with DJL weights gets its {@code .params} and {@code model.json} as attachments
 * only: bioimage.io has no DJL format, Java cannot trace TorchScript, and PyTorch's pickled state dict is not
 * written from Java; such a package is a machine-readable model card that bioimage.io tools read but cannot run.
 */
public final class BioImageIoExport {
    /** The bioimage.io model format version written. */
    public static final String FORMAT_VERSION = "0.5.3";
    /** Command name in the output folder's marker. */
    public static final String COMMAND = "export-bioimageio";
    /** Licence of the LGG data set the plugin's models are trained on. */
    public static final String DATA_LICENSE = "CC-BY-NC-SA-4.0";
    /** Licence of the plugin's code. */
    public static final String CODE_LICENSE = "BSD-2-Clause";

    private BioImageIoExport() {}

    /** @param runnable whether bioimage.io tools can run the package (TorchScript weights) */
    public record Result(Path folder, boolean runnable, String summary) {}

    /**
     * @param license SPDX licence of the weights; null: the bundle's own (imported) or the data's, CC-BY-NC-SA-4.0
     * @throws BundleException for a bundle that is not a segmentation model or cannot run
     */
    public static Result run(Path bundleDir, Path out, String license)
            throws BundleException, OutputRefusedException, IOException {
        return run(bundleDir, out, license, false);
    }

    /**
     * @param overwrite replace what an earlier export recorded in {@code out} (without it such a folder is refused
     *     before any work); anything else in the folder is kept
     */
    public static Result run(Path bundleDir, Path out, String license, boolean overwrite)
            throws BundleException, OutputRefusedException, IOException {
        OutputPaths.checkFolder(out, COMMAND, overwrite, bundleDir);
        try (ModelBundle bundle = ModelBundle.load(bundleDir, null)) {
            ModelInfo info = bundle.info();
            if (info.modelKind() != ModelKind.UNET) {
                throw new BundleException(bundleDir + " is a " + info.kind() + " bundle; only segmentation (unet)"
                        + " bundles can be exported to bioimage.io");
            }
            List<Map<String, Object>> preprocessing = preprocessing(info.normalization());
            boolean logits = !"probabilities".equals(info.architectureString("output", "logits"));
            String weightsLicense = license != null ? license : info.architectureString("license", DATA_LICENSE);
            try (OutputTransaction tx = OutputTransaction.builder()
                    .setFolder(out)
                    .setCommand(COMMAND)
                    .optOverwrite(overwrite)
                    .optInputs(bundleDir)
                    .optMayWrite(BioImageIoExport::mayWrite)
                    .begin()) {
                Path staged = tx.staging();
                int side = info.modelInputSize();
                SliceImage slice = PhantomGenerator.slice(7, side, true).image();
                float[] raw = new float[slice.pixels().length];
                for (int i = 0; i < raw.length; i++) raw[i] = slice.pixels()[i] & 0xFF;
                long[] inShape = {1, 3, side, side};
                float[] probability = Forward.probabilities(bundle, raw, inShape, info.normalization(), logits);
                Npy.write(staged.resolve("test_input.npy"), inShape, raw);
                Npy.write(staged.resolve("test_output.npy"), new long[] {1, 1, side, side}, probability);
                javax.imageio.ImageIO.write(
                        Overlay.builder()
                                .setImage(side, side, 3, slice.pixels())
                                .optPrediction(ThresholdRule.mask(probability, info.threshold()))
                                .optScale(2)
                                .optCaption("synthetic phantom, not an MRI")
                                .build(),
                        "png",
                        staged.resolve("cover.png").toFile());
                boolean torchscript = ModelInfo.FORMAT_TORCHSCRIPT.equals(info.weightsFormat());
                Files.copy(bundleDir.resolve(info.weightsFile()), staged.resolve(info.weightsFile()));
                Files.copy(bundleDir.resolve(ModelBundle.MODEL_JSON), staged.resolve(ModelBundle.MODEL_JSON));
                Path card = bundleDir.resolve("MODEL.md");
                Files.writeString(
                        staged.resolve("README.md"),
                        readme(info, torchscript, Files.isRegularFile(card) ? Files.readString(card) : null));
                Map<String, Object> rdf = rdf(info, preprocessing, logits, weightsLicense, torchscript, staged);
                Files.writeString(staged.resolve("rdf.yaml"), yaml(rdf));
                tx.commit(); // each file moved in whole; a later --overwrite replaces exactly these
                return new Result(
                        out,
                        torchscript,
                        "bioimage.io " + FORMAT_VERSION + " description of " + bundleDir
                                + " -> " + out
                                + (torchscript
                                        ? " (torchscript weights: runnable by bioimage.io tools)"
                                        : " (DJL weights attached: a model card bioimage.io tools read but cannot run)"));
            }
        }
    }

    /** The names an export writes: the description, card, test tensors, cover and the bundle's files. */
    private static boolean mayWrite(String relativePath) {
        return java.util.List.of(
                                "rdf.yaml",
                                "README.md",
                                "cover.png",
                                "test_input.npy",
                                "test_output.npy",
                                ModelBundle.MODEL_JSON)
                        .contains(relativePath)
                || relativePath.startsWith(ModelBundle.WEIGHTS_STEM);
    }

    /** bioimage.io preprocessing equal to the bundle's normalisation, applied per slice. */
    static List<Map<String, Object>> preprocessing(String normalization) throws BundleException {
        List<Map<String, Object>> steps = new ArrayList<>();
        String[] p = normalization.split(":");
        switch (p[0]) {
            case "divide255" -> steps.add(step("scale_linear", Map.of("gain", 1 / 255.0, "offset", 0.0)));
            case "percentile-zscore" -> {
                // per volume in the plugin; per sample (one slice) here, which is what a single slice gets
                steps.add(step(
                        "scale_range",
                        Map.of("axes", List.of("channel", "y", "x"), "min_percentile", 10.0, "max_percentile", 99.0)));
                steps.add(step("clip", Map.of("min", 0.0, "max", 1.0)));
                steps.add(step("zero_mean_unit_variance", Map.of("axes", List.of("y", "x"))));
            }
            case "scale-linear" ->
                steps.add(step(
                        "scale_linear", Map.of("gain", Double.parseDouble(p[1]), "offset", Double.parseDouble(p[2]))));
            case Normalization.ZERO_MEAN_UNIT_VARIANCE ->
                steps.add(step("zero_mean_unit_variance", Map.of("axes", List.of("y", "x"))));
            case Normalization.ZERO_MEAN_UNIT_VARIANCE_JOINT ->
                steps.add(step("zero_mean_unit_variance", Map.of("axes", List.of("channel", "y", "x"))));
            case "scale-range" ->
                steps.add(step(
                        "scale_range",
                        Map.of(
                                "axes",
                                List.of("y", "x"),
                                "min_percentile",
                                Double.parseDouble(p[1]),
                                "max_percentile",
                                Double.parseDouble(p[2]))));
            default -> throw new BundleException("normalization '" + normalization + "' has no bioimage.io form");
        }
        return steps;
    }

    private static Map<String, Object> step(String id, Map<String, Object> kwargs) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("kwargs", new LinkedHashMap<>(kwargs));
        return s;
    }

    private static Map<String, Object> rdf(
            ModelInfo info,
            List<Map<String, Object>> preprocessing,
            boolean logits,
            String weightsLicense,
            boolean torchscript,
            Path staged)
            throws IOException {
        int side = info.modelInputSize();
        Map<String, Object> rdf = new LinkedHashMap<>();
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("type", "model");
        rdf.put("name", "Brain Tumor UNet (LGG FLAIR tumour segmentation)");
        rdf.put(
                "description",
                "Segments lower-grade glioma (FLAIR abnormality) in 256x256 RGB brain MRI slices"
                        + " (pre-contrast, FLAIR, post-contrast), as in Buda et al. 2019. Written by Brain Tumor for Fiji "
                        + Version.get() + ".");
        rdf.put("version", Version.get());
        rdf.put(
                "timestamp",
                java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        rdf.put("authors", List.of(Map.of("name", "The Brain Tumor for Fiji authors")));
        rdf.put(
                "cite",
                List.of(
                        Map.of(
                                "text",
                                "Buda M, Saha A, Mazurowski MA. Association of genomic subtypes of lower-grade gliomas"
                                        + " with shape features automatically extracted by a deep learning algorithm. Computers in"
                                        + " Biology and Medicine 109, 2019.",
                                "doi",
                                "10.1016/j.compbiomed.2019.05.002"),
                        Map.of(
                                "text",
                                "Brain Tumor for Fiji (CITATION.cff of the plugin)",
                                "url",
                                "https://imagej.net/plugins/")));
        rdf.put("license", weightsLicense);
        rdf.put("tags", List.of("unet", "segmentation", "brain", "mri", "glioma", "flair", "2d", "fiji", "djl"));
        rdf.put("covers", List.of("cover.png"));
        rdf.put("documentation", "README.md");
        List<Object> axesIn = List.of(
                Map.of("type", "batch"),
                Map.of("type", "channel", "channel_names", List.of("pre_contrast", "flair", "post_contrast")),
                Map.of("type", "space", "id", "y", "size", side),
                Map.of("type", "space", "id", "x", "size", side));
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("id", "mri");
        in.put("description", "one slice, channels pre-contrast, FLAIR, post-contrast, raw 0..255");
        in.put("axes", axesIn);
        in.put("test_tensor", file(staged, "test_input.npy"));
        in.put("data", Map.of("type", "float32"));
        in.put("preprocessing", preprocessing);
        List<Object> axesOut = List.of(
                Map.of("type", "batch"),
                Map.of("type", "channel", "channel_names", List.of("tumour")),
                Map.of("type", "space", "id", "y", "size", Map.of("tensor_id", "mri", "axis_id", "y")),
                Map.of("type", "space", "id", "x", "size", Map.of("tensor_id", "mri", "axis_id", "x")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "tumour_probability");
        out.put("description", "tumour probability per pixel; the plugin's mask is probability >= " + info.threshold());
        out.put("axes", axesOut);
        out.put("test_tensor", file(staged, "test_output.npy"));
        out.put("data", Map.of("type", "float32", "range", List.of(0.0, 1.0)));
        out.put("postprocessing", logits ? List.of(Map.of("id", "sigmoid")) : List.of());
        rdf.put("inputs", List.of(in));
        rdf.put("outputs", List.of(out));
        if (torchscript) {
            Map<String, Object> ts = file(staged, info.weightsFile());
            ts.put("pytorch_version", "1.13");
            rdf.put("weights", Map.of("torchscript", ts));
        } else {
            rdf.put("attachments", List.of(file(staged, info.weightsFile()), file(staged, ModelBundle.MODEL_JSON)));
        }
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("code_license", CODE_LICENSE);
        plugin.put("weights_license", weightsLicense);
        plugin.put("data_license", DATA_LICENSE);
        plugin.put("data", "LGG segmentation data set (Buda et al., 110 patients, 5 TCGA hospitals)");
        plugin.put("weights_format", info.weightsFormat());
        plugin.put("normalization", info.normalization());
        plugin.put(
                "normalization_note",
                info.normalization().equals("percentile-zscore")
                        ? "the plugin computes the percentiles, mean and std over the whole volume (a patient's slices);"
                                + " the preprocessing above computes them per slice"
                        : "per slice, as above");
        plugin.put("threshold", (double) info.threshold());
        plugin.put(
                "postprocessing",
                info.postprocessing() == null ? "none" : info.postprocessing().toString());
        rdf.put("config", Map.of("brain_tumor", plugin));
        return rdf;
    }

    private static Map<String, Object> file(Path staged, String name) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("source", name);
        f.put("sha256", AtomicFiles.sha256(staged.resolve(name)));
        return f;
    }

    private static String readme(ModelInfo info, boolean torchscript, String card) {
        StringBuilder s = new StringBuilder("# Brain Tumor UNet: bioimage.io description\n\n");
        s.append("Written by `brain-tumor export-bioimageio` (Brain Tumor for Fiji ")
                .append(Version.get())
                .append(") from a model bundle. Code: ")
                .append(CODE_LICENSE)
                .append("; data: ")
                .append(DATA_LICENSE)
                .append(" (non-commercial, share-alike).\n\n");
        s.append(
                torchscript
                        ? "The weights are TorchScript (`" + info.weightsFile()
                                + "`): bioimage.io tools can run this package.\n"
                        : "The weights are Deep Java Library `.params` (`" + info.weightsFile()
                                + "`, with `model.json`),"
                                + " attached for the plugin. bioimage.io has no DJL weight format and Java can write neither"
                                + " TorchScript nor PyTorch's pickled state dict, so bioimage.io tools can read this"
                                + " description but not run it.\n");
        s.append("\nThe test tensors are a synthetic phantom slice (geometric shapes, not an MRI) and this model's"
                + " output for it.\n");
        if (card != null) s.append("\n---\n\n").append(card);
        return s.toString();
    }

    static String yaml(Map<String, Object> rdf) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setWidth(120);
        return "# bioimage.io model description written by Brain Tumor for Fiji\n" + new Yaml(o).dump(rdf);
    }
}
