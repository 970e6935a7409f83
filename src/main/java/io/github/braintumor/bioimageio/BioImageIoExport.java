package io.github.braintumor.bioimageio;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import io.github.braintumor.Version;
import io.github.braintumor.conversion.Normalization;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.metrics.ThresholdRule;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.UNetBlock;
import io.github.braintumor.report.Overlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A segmentation bundle as a bioimage.io model package (format 0.5) that bioimage.io's own tools validate and run
 * ({@code bioimageio validate-format}, {@code bioimageio test}): {@code rdf.yaml}, TorchScript weights, the model
 * card as {@code README.md}, {@code cover.png}, and a test input/output pair ({@code .npy}) made by running the
 * written weights on a synthetic phantom slice.
 *
 * <pre>{@code
 * BioImageIoExport.Result r = BioImageIoExport.builder()
 *         .setBundle(Path.of("unet-bundle")).setOut(Path.of("unet-bioimageio"))
 *         .optAuthors(List.of("A. Researcher")).run();
 * System.out.println(r.summary());
 * }</pre>
 *
 * <p>Weights: a TorchScript bundle (e.g. one imported) keeps its file. A bundle trained here (DJL weights) is
 * written as TorchScript from the same weights ({@link UNetTorchScript}), with its {@code percentile-zscore}
 * normalisation inside the module (so the package declares no preprocessing and the reference runner computes what
 * the plugin does for one slice); the written file is run here and must reproduce the bundle's own forward pass.
 * Metadata (name, authors, citations, licences) comes from the bundle ({@link ExportMetadata}), overridable.
 */
public final class BioImageIoExport {
    /** The bioimage.io model format version written. */
    public static final String FORMAT_VERSION = "0.5.4";
    /** Command name in the output folder's marker. */
    public static final String COMMAND = "export-bioimageio";
    /** Licence of the plugin's code. */
    public static final String CODE_LICENSE = "BSD-2-Clause";
    /** The TorchScript weights' file name in the package. */
    public static final String WEIGHTS = "weights.pt";
    /** Largest difference between the written TorchScript and the bundle's own forward pass (probabilities). */
    static final double SAME_MODEL_TOLERANCE = 1e-4;

    private BioImageIoExport() {}

    /** @param runnable whether bioimage.io tools can run the package (always, since DJL bundles are converted) */
    public record Result(Path folder, boolean runnable, String summary) {}

    /** @return a builder; {@code setBundle} and {@code setOut} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** What to export, where, and the metadata overrides. */
    public static final class Builder {
        private Path bundle;
        private Path out;
        private String card;
        private String name;
        private List<String> authors;
        private String license;
        private boolean overwrite;

        private Builder() {}

        public Builder setBundle(Path bundle) {
            this.bundle = bundle;
            return this;
        }

        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /** The model card (Markdown) when it is not the bundle's own {@code MODEL.md} (the embedded models). */
        public Builder optCard(String card) {
            this.card = card;
            return this;
        }

        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        public Builder optAuthors(List<String> authors) {
            this.authors = authors;
            return this;
        }

        /** SPDX licence of the weights; default: the bundle's own (imported) or its training data's. */
        public Builder optLicense(String license) {
            this.license = license;
            return this;
        }

        /**
         * Replace what an earlier export recorded in the output folder (without it such a folder is refused before
         * any work); anything else in the folder is kept.
         */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @throws BundleException for a bundle that is not a segmentation model, cannot run, or whose licence is
         *     unknown
         */
        public Result run() throws BundleException, OutputRefusedException, IOException {
            if (bundle == null || out == null) throw new IllegalStateException("setBundle and setOut are required");
            return export(this);
        }
    }

    private static Result export(Builder b) throws BundleException, OutputRefusedException, IOException {
        Path bundleDir = b.bundle;
        OutputPaths.checkFolder(b.out, COMMAND, b.overwrite, bundleDir);
        Path cardFile = bundleDir.resolve("MODEL.md");
        String card = b.card != null ? b.card : Files.isRegularFile(cardFile) ? Files.readString(cardFile) : null;
        try (ModelBundle bundle = ModelBundle.load(bundleDir, null)) {
            ModelInfo info = bundle.info();
            if (info.modelKind() != ModelKind.UNET) {
                throw new BundleException(bundleDir + " is a " + info.kind() + " bundle; only segmentation (unet)"
                        + " bundles can be exported to bioimage.io");
            }
            ExportMetadata meta = ExportMetadata.of(
                    info, bundleDir.toAbsolutePath().getFileName().toString(), card);
            if (b.name != null) meta = meta.withName(b.name);
            if (b.authors != null && !b.authors.isEmpty()) meta = meta.withAuthors(b.authors);
            if (b.license != null) meta = meta.withLicense(b.license);
            meta = meta.checked(bundleDir.toString());
            boolean djl = !ModelInfo.FORMAT_TORCHSCRIPT.equals(info.weightsFormat());
            boolean inside = djl && Normalization.PERCENTILE_ZSCORE.id().equals(info.normalization());
            // the normalisation the package declares: none where the module normalises its raw input itself
            String declared = inside ? Normalization.linearId(1, 0) : info.normalization();
            List<Map<String, Object>> preprocessing = preprocessing(declared);
            boolean logits = !"probabilities".equals(info.architectureString("output", "logits"));
            try (OutputTransaction tx = OutputTransaction.builder()
                    .setFolder(b.out)
                    .setCommand(COMMAND)
                    .optOverwrite(b.overwrite)
                    .optInputs(bundleDir)
                    .optMayWrite(BioImageIoExport::mayWrite)
                    .begin()) {
                Path staged = tx.staging();
                int side = info.modelInputSize();
                SliceImage slice = PhantomGenerator.slice(7, side, true).image();
                float[] raw = new float[slice.pixels().length];
                for (int i = 0; i < raw.length; i++) raw[i] = slice.pixels()[i] & 0xFF;
                long[] inShape = {1, 3, side, side};
                Path weights = staged.resolve(WEIGHTS);
                float[] probability;
                if (djl) {
                    if (!(bundle.model().getBlock() instanceof UNetBlock unet)) {
                        throw new BundleException(bundleDir + ": its network is not the plugin's UNet; it cannot be"
                                + " written as TorchScript");
                    }
                    UNetTorchScript.write(unet, inside, weights);
                    float[] own = Forward.probabilities(bundle.model(), raw, inShape, info.normalization(), logits);
                    probability = written(weights, raw, inShape, declared, logits);
                    double differ = Forward.maxDifference(own, probability);
                    if (!(differ <= SAME_MODEL_TOLERANCE)) {
                        throw new BundleException("The TorchScript written for " + bundleDir + " differs from the"
                                + " bundle's own output by " + differ + " (> " + SAME_MODEL_TOLERANCE + "); nothing was"
                                + " exported (please report this as a bug)");
                    }
                } else {
                    if (preprocessing == null) {
                        throw new BundleException(bundleDir + ": its normalisation '" + info.normalization() + "' has"
                                + " no bioimage.io form that the reference runner computes the same way; only bundles"
                                + " trained here carry it inside their exported weights");
                    }
                    Files.copy(bundleDir.resolve(info.weightsFile()), weights);
                    probability = Forward.probabilities(bundle.model(), raw, inShape, declared, logits);
                }
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
                Files.writeString(staged.resolve("README.md"), readme(info, meta, inside, card));
                Map<String, Object> rdf = rdf(info, meta, preprocessing, inside, logits, staged);
                Files.writeString(staged.resolve("rdf.yaml"), yaml(rdf));
                tx.commit(); // each file moved in whole; a later --overwrite replaces exactly these
                return new Result(
                        b.out,
                        true,
                        "bioimage.io " + FORMAT_VERSION + " package of " + bundleDir + " -> " + b.out + " ('"
                                + meta.name() + "', " + meta.license() + ", TorchScript weights"
                                + (djl ? " written from its DJL weights" : "") + ")");
            }
        }
    }

    /** Runs the written TorchScript as a bioimage.io consumer would (float32, declared normalisation, sigmoid). */
    private static float[] written(Path weights, float[] raw, long[] shape, String declared, boolean logits)
            throws BundleException, IOException {
        try (Model m = Model.newInstance("bioimageio-export", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            m.load(weights.getParent(), WEIGHTS.substring(0, WEIGHTS.length() - 3));
            return Forward.probabilities(m, raw, shape, declared, logits);
        } catch (MalformedModelException | RuntimeException e) {
            throw new BundleException(
                    "The TorchScript written at " + weights + " cannot be loaded (" + e.getMessage()
                            + "); nothing was exported (please report this as a bug)",
                    e);
        }
    }

    /** The names an export writes: the description, card, test tensors, cover and the bundle's files. */
    private static boolean mayWrite(String relativePath) {
        return List.of("rdf.yaml", "README.md", "cover.png", "test_input.npy", "test_output.npy", WEIGHTS)
                .contains(relativePath);
    }

    /**
     * The bioimage.io preprocessing that the reference runner computes as the plugin computes {@code normalization}
     * for one slice: a single step (its per-sample statistics come from the raw input either way), or none for the
     * identity; null for {@code percentile-zscore}, whose chain the reference runner computes differently.
     */
    static List<Map<String, Object>> preprocessing(String normalization) throws BundleException {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (normalization.startsWith("chain:")) {
            // our chains take every statistic from the raw input, as the reference runner does: step by step
            for (String step : normalization.substring("chain:".length()).split(";")) {
                List<Map<String, Object>> one = preprocessing(step);
                if (one == null) return null;
                steps.addAll(one);
            }
            return steps;
        }
        String[] p = normalization.split(":");
        switch (p[0]) {
            case "divide255" -> steps.add(step("scale_linear", Map.of("gain", 1 / 255.0, "offset", 0.0)));
            case "percentile-zscore" -> {
                return null;
            }
            case "scale-linear" -> {
                double gain = Double.parseDouble(p[1]);
                double offset = Double.parseDouble(p[2]);
                if (gain != 1 || offset != 0) steps.add(step("scale_linear", Map.of("gain", gain, "offset", offset)));
            }
            case Normalization.ZERO_MEAN_UNIT_VARIANCE ->
                steps.add(step("zero_mean_unit_variance", Map.of("axes", List.of("y", "x"))));
            case Normalization.ZERO_MEAN_UNIT_VARIANCE_JOINT ->
                steps.add(step("zero_mean_unit_variance", Map.of("axes", List.of("channel", "y", "x"))));
            case "clip" ->
                steps.add(step("clip", Map.of("min", Double.parseDouble(p[1]), "max", Double.parseDouble(p[2]))));
            case "scale-range", "scale-range-joint" ->
                steps.add(step(
                        "scale_range",
                        Map.of(
                                "axes",
                                p[0].endsWith("joint") ? List.of("channel", "y", "x") : List.of("y", "x"),
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
            ExportMetadata meta,
            List<Map<String, Object>> preprocessing,
            boolean normalisedInside,
            boolean logits,
            Path staged)
            throws IOException {
        int side = info.modelInputSize();
        Map<String, Object> rdf = new LinkedHashMap<>();
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("type", "model");
        rdf.put("name", meta.name());
        rdf.put("description", meta.description());
        rdf.put("version", Version.pep440(Version.get()));
        rdf.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        List<Object> authors = new ArrayList<>();
        for (String a : meta.authors()) authors.add(Map.of("name", a));
        rdf.put("authors", authors);
        rdf.put("cite", meta.cite());
        rdf.put("license", meta.license());
        rdf.put("tags", meta.tags());
        rdf.put("covers", List.of("cover.png"));
        rdf.put("documentation", "README.md");
        List<Object> axesIn = List.of(
                Map.of("type", "batch"),
                Map.of("type", "channel", "channel_names", List.of("pre_contrast", "flair", "post_contrast")),
                Map.of("type", "space", "id", "y", "size", side),
                Map.of("type", "space", "id", "x", "size", side));
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("id", "mri");
        // at most 128 characters (bioimage.io); the README says more
        in.put(
                "description",
                normalisedInside
                        ? "MRI slice (pre-contrast, FLAIR, post-contrast), raw intensities; the network normalises it"
                        : "MRI slice (pre-contrast, FLAIR, post-contrast)");
        in.put("axes", axesIn);
        in.put("test_tensor", file(staged, "test_input.npy"));
        in.put("data", Map.of("type", "float32"));
        in.put("preprocessing", preprocessing);
        List<Object> axesOut = List.of(
                Map.of("type", "batch"),
                Map.of("type", "channel", "channel_names", List.of("tumour")),
                Map.of("type", "space", "id", "y", "size", side),
                Map.of("type", "space", "id", "x", "size", side));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", "tumour_probability");
        out.put("description", "tumour probability per pixel (the plugin's mask: >= " + info.threshold() + ")");
        out.put("axes", axesOut);
        out.put("test_tensor", file(staged, "test_output.npy"));
        out.put("data", Map.of("type", "float32", "range", List.of(0.0, 1.0)));
        out.put("postprocessing", logits ? List.of(Map.of("id", "sigmoid")) : List.of());
        rdf.put("inputs", List.of(in));
        rdf.put("outputs", List.of(out));
        Map<String, Object> ts = file(staged, WEIGHTS);
        ts.put("pytorch_version", "1.13");
        rdf.put("weights", Map.of("torchscript", ts));
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("code_license", CODE_LICENSE);
        plugin.put("weights_license", meta.license());
        if (meta.dataLicense() != null) plugin.put("data_license", meta.dataLicense());
        if (info.training() != null) {
            plugin.put("training_patients", info.training().patients().size());
            plugin.put(
                    "validation_patients", info.training().validationPatients().size());
        }
        plugin.put("bundle_weights_format", info.weightsFormat());
        plugin.put("normalization", info.normalization());
        plugin.put(
                "normalization_note",
                normalisedInside
                        ? "inside the TorchScript module, per slice; the plugin computes the same statistics over a"
                                + " whole volume (a patient's slices) when it segments a stack"
                        : "per slice, as the preprocessing above");
        plugin.put("threshold", (double) info.threshold());
        plugin.put("postprocessing", info.postProcessing().toMap()); // restored by the plugin's import
        rdf.put("config", Map.of("brain_tumor", plugin));
        return rdf;
    }

    private static Map<String, Object> file(Path staged, String name) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("source", name);
        f.put("sha256", AtomicFiles.sha256(staged.resolve(name)));
        return f;
    }

    private static String readme(ModelInfo info, ExportMetadata meta, boolean normalisedInside, String card) {
        StringBuilder s = new StringBuilder("# " + meta.name() + "\n\n");
        s.append("bioimage.io package written by `brain-tumor export-bioimageio` (Brain Tumor for Fiji ")
                .append(Version.get())
                .append("). Weights: TorchScript (`")
                .append(WEIGHTS)
                .append("`), licence ")
                .append(meta.license());
        if (meta.dataLicense() != null) s.append("; training data licence ").append(meta.dataLicense());
        s.append("; plugin code ").append(CODE_LICENSE).append(".\n\n");
        s.append("- Input `mri`: one slice (1, 3, ")
                .append(info.modelInputSize())
                .append(", ")
                .append(info.modelInputSize())
                .append("), channels pre-contrast, FLAIR, post-contrast, ")
                .append(
                        normalisedInside
                                ? "raw intensities: the module normalises each slice itself (10th/99th percentile"
                                        + " rescale over all channels, then per-channel z-score; the plugin uses a whole"
                                        + " volume's statistics instead).\n"
                                : "normalised as the preprocessing in `rdf.yaml` says (`" + info.normalization()
                                        + "`).\n")
                .append("- Output `tumour_probability`: (1, 1, H, W); the plugin's mask is probability >= ")
                .append(info.threshold())
                .append(", then post-processing `")
                .append(info.postProcessing().name())
                .append("` (3-D, over a patient's slices; not part of this package).\n")
                .append(
                        "- Test tensors: a synthetic phantom slice (geometric shapes, not an MRI) and this model's output"
                                + " for it.\n");
        if (card != null) s.append("\n---\n\n").append(card.replaceFirst("^# ", "## "));
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
