package io.github.braintumor.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model bundles made from TorchScript modules (traced or scripted in PyTorch): the module is copied in with a
 * description of how to use it, run once on a zero slice, and only then published.
 *
 * <pre>{@code
 * try (ModelBundle b = TorchScriptBundles.importModule(Path.of("unet.pt"), Path.of("unet.json"))) {
 *     System.out.println(b.directory());   // unet-bundle next to unet.pt
 * }
 * }</pre>
 */
public final class TorchScriptBundles {
    private TorchScriptBundles() {}

    /**
     * Makes a bundle from a TorchScript module (e.g. traced with PyTorch 1.13) and a sidecar JSON giving at least
     * {@code kind} and {@code architecture} (other {@link ModelInfo} fields optional), then loads it.
     *
     * @param torchScript the {@code .pt} file
     * @param sidecarJson model.json-like description of it
     * @param bundleDir   where the bundle is written (replaced atomically)
     */
    public static ModelBundle importModule(Path torchScript, Path sidecarJson, Path bundleDir) throws BundleException {
        if (!Files.isRegularFile(sidecarJson)) {
            throw new BundleException("Sidecar description " + sidecarJson + " does not exist: write a JSON with"
                    + " at least \"kind\" and \"architecture\"");
        }
        ModelInfo description;
        try {
            // The sidecar lacks weight fields; give fromJson a placeholder name so its checks pass.
            com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(sidecarJson))
                    .getAsJsonObject();
            o.addProperty("weightsFile", ModelBundle.WEIGHTS_STEM + ".pt");
            description = ModelInfo.fromJson(o.toString(), sidecarJson.toString());
        } catch (IOException | IllegalStateException | com.google.gson.JsonParseException e) {
            throw new BundleException("Cannot read " + sidecarJson + ": " + e.getMessage(), e);
        }
        return importModule(torchScript, description, bundleDir);
    }

    /**
     * Makes a bundle from a TorchScript module and a description of how to use it (kind, input size and channels,
     * normalisation, threshold, architecture {@code output}: {@code logits} or {@code probabilities}). The module
     * is loaded and run once on a zero slice before anything is published, so a module that cannot take
     * {@code (1, channels, size, size)} or gives the wrong output shape is refused and leaves nothing behind.
     *
     * <pre>{@code
     * ModelInfo d = ModelInfo.builder(ModelKind.UNET).setArchitecture(arch).optNormalization("divide255").build();
     * try (ModelBundle b = TorchScriptBundles.importModule(Path.of("unet.pt"), d, Path.of("unet-bundle"))) { ... }
     * }</pre>
     *
     * @param bundleDir where the bundle is written (replaced atomically; check it with {@code OutputPaths} first)
     */
    public static ModelBundle importModule(Path torchScript, ModelInfo description, Path bundleDir)
            throws BundleException {
        return importModule(torchScript, description, bundleDir, staged -> {});
    }

    /** A check of an imported model before it is published (e.g. that it reproduces a package's test output). */
    @FunctionalInterface
    public interface Acceptance {
        /** @throws BundleException when the model may not be kept; the earlier bundle then stays as it was */
        void check(ModelBundle staged) throws BundleException;
    }

    /**
     * {@link #importModule(Path, ModelInfo, Path)} that publishes the bundle only when {@code acceptance} passes on
     * the staged copy: a refused import changes nothing at {@code bundleDir}.
     */
    public static ModelBundle importModule(
            Path torchScript, ModelInfo description, Path bundleDir, Acceptance acceptance) throws BundleException {
        if (!Files.isRegularFile(torchScript)) {
            throw new BundleException("TorchScript file " + torchScript + " does not exist");
        }
        Path staged = null;
        try {
            staged = AtomicFiles.newSiblingTempDir(bundleDir);
            Path weights = staged.resolve(ModelBundle.WEIGHTS_STEM + ".pt");
            Files.copy(torchScript, weights);
            ModelInfo complete = description.toBuilder()
                    .optWeights(
                            weights.getFileName().toString(), ModelInfo.FORMAT_TORCHSCRIPT, AtomicFiles.sha256(weights))
                    .build();
            Files.writeString(staged.resolve(ModelBundle.MODEL_JSON), complete.toJson());
            try (ModelBundle probe = ModelBundle.load(staged)) {
                checkOutputShape(probe, torchScript);
                acceptance.check(probe);
            }
            AtomicFiles.publishDirectory(staged, bundleDir);
            staged = null;
        } catch (IOException | IllegalStateException e) {
            throw new BundleException("Cannot import TorchScript " + torchScript + ": " + e.getMessage(), e);
        } finally {
            ModelBundle.deleteQuietly(staged);
        }
        return ModelBundle.load(bundleDir);
    }

    /** Runs the model once on a zero slice of its input size and checks the output has the shape its kind needs. */
    private static void checkOutputShape(ModelBundle bundle, Path source) throws BundleException {
        ModelInfo info = bundle.info();
        Model model = bundle.model();
        int side = info.modelInputSize();
        Shape shape;
        try (NDManager m = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
            NDArray x = m.zeros(new Shape(1, info.inputChannels(), side, side));
            NDArray y = p.predict(new NDList(x)).singletonOrThrow();
            shape = y.getShape();
            float[] values = y.toType(DataType.FLOAT32, false).toFloatArray();
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new BundleException(source + " gives NaN or infinite outputs on a (1, " + info.inputChannels()
                            + ", " + side + ", " + side + ") input of zeros: it cannot produce masks; check how it was"
                            + " traced and saved");
                }
            }
        } catch (TranslateException | RuntimeException e) {
            throw new BundleException(
                    source + " cannot run on a (1, " + info.inputChannels() + ", " + side + ", " + side + ") input ("
                            + oneLine(e) + "): give the input size and channels it was traced for",
                    e);
        }
        boolean ok = info.modelKind() == ModelKind.UNET
                ? shape.size() == side * side && shape.get(shape.dimension() - 1) == side
                : shape.size() == 1;
        if (!ok) {
            throw new BundleException(source + " gives an output of shape " + shape + " for a (1, "
                    + info.inputChannels() + ", " + side + ", " + side + ") input; a " + info.kind() + " must give "
                    + (info.modelKind() == ModelKind.UNET ? "(1, 1, " + side + ", " + side + ")" : "one value"));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** {@link #importModule(Path, Path, Path)} into a sibling folder named {@code <file name>-bundle}. */
    public static ModelBundle importModule(Path torchScript, Path sidecarJson) throws BundleException {
        String name = torchScript.getFileName().toString().replaceFirst("\\.pt$", "");
        return importModule(torchScript, sidecarJson, torchScript.resolveSibling(name + "-bundle"));
    }
}
