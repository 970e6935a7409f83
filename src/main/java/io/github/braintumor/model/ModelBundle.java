package io.github.braintumor.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained model on disk: a directory holding {@code model.json} ({@link ModelInfo}) and the weights it names,
 * whose SHA-256 is checked on load.
 *
 * <pre>{@code
 * try (ModelBundle bundle = ModelBundle.load(Path.of("models/unet16"), ModelKind.UNET)) {
 *     float threshold = bundle.info().threshold();
 *     Block block = bundle.model().getBlock();
 * }
 * }</pre>
 *
 * <p>Two weight formats: {@code djl} (parameters saved by {@code Model.save} for a block rebuilt from the
 * architecture by {@link Architectures}) and {@code torchscript} (a traced PyTorch module, loaded as
 * {@code PtSymbolBlock}, made by {@link TorchScriptBundles}). The default models shipped in the jar come from
 * {@link EmbeddedModels}.
 */
public final class ModelBundle implements AutoCloseable {
    /** Name of the description file in every bundle. */
    public static final String MODEL_JSON = "model.json";
    /** Stem of the weights file written by {@link #save}: {@code weights-NNNN.params}. */
    public static final String WEIGHTS_STEM = "weights";

    private final Path directory;
    private final ModelInfo info;
    private final Model model;

    private ModelBundle(Path directory, ModelInfo info, Model model) {
        this.directory = directory;
        this.info = info;
        this.model = model;
    }

    /** Loads a bundle of any kind. */
    public static ModelBundle load(Path dir) throws BundleException {
        return load(dir, null);
    }

    /**
     * Loads a bundle and checks its kind.
     *
     * @param expected the kind the caller needs, or null for any
     * @throws BundleException missing folder or file, invalid model.json, wrong kind, weights whose SHA-256
     *                         differs from model.json, or weights the engine cannot read; the message names the file
     */
    public static ModelBundle load(Path dir, ModelKind expected) throws BundleException {
        ModelInfo info = readInfo(dir);
        if (expected != null && info.modelKind() != expected) {
            throw new BundleException(dir.resolve(MODEL_JSON) + " describes a " + info.kind()
                    + " model but a " + expected.id() + " model is needed here: choose a " + expected.id()
                    + " bundle");
        }
        Path weights = dir.resolve(info.weightsFile());
        verifyWeights(dir, info);
        DjlEngine.start();
        Model model = Model.newInstance(info.kind(), DjlEngine.device(), DjlEngine.ENGINE_NAME);
        try {
            String format = info.weightsFormat() == null ? ModelInfo.FORMAT_DJL : info.weightsFormat();
            switch (format) {
                case ModelInfo.FORMAT_DJL -> {
                    model.setBlock(Architectures.block(info));
                    loadParameters(model, dir, info.weightsFile());
                    checkShapes(dir, info, model);
                }
                case ModelInfo.FORMAT_TORCHSCRIPT -> model.load(dir, stem(info.weightsFile(), ".pt"));
                default ->
                    throw new BundleException(dir.resolve(MODEL_JSON) + ": unknown weightsFormat '" + format
                            + "' (expected 'djl' or 'torchscript')");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new BundleException(
                    "Cannot load the weights " + weights + " (" + e.getMessage()
                            + "): the file does not match the architecture in " + MODEL_JSON + " or is damaged",
                    e);
        } catch (BundleException e) {
            model.close();
            throw e;
        }
        return new ModelBundle(dir, info, model);
    }

    /** Reads and validates {@code dir/model.json} without loading weights. */
    public static ModelInfo readInfo(Path dir) throws BundleException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BundleException("Model bundle folder " + dir + " does not exist: choose a folder holding "
                    + MODEL_JSON + " and its weights");
        }
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.isRegularFile(json)) {
            throw new BundleException("Missing " + json + ": this folder is not a model bundle");
        }
        try {
            return ModelInfo.fromJson(Files.readString(json), json.toString());
        } catch (IOException e) {
            throw new BundleException("Cannot read " + json + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads model.json and checks the weights' SHA-256 without loading them.
     *
     * @return the bundle's info
     */
    public static ModelInfo verify(Path dir) throws BundleException {
        ModelInfo info = readInfo(dir);
        verifyWeights(dir, info);
        return info;
    }

    private static void verifyWeights(Path dir, ModelInfo info) throws BundleException {
        Path weights = dir.resolve(info.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new BundleException("Missing weights file " + weights + " named in " + dir.resolve(MODEL_JSON));
        }
        if (info.weightsSha256() == null || info.weightsSha256().isBlank()) {
            throw new BundleException(dir.resolve(MODEL_JSON) + " gives no weightsSha256 for " + weights);
        }
        String actual;
        try {
            actual = AtomicFiles.sha256(weights);
        } catch (IOException e) {
            throw new BundleException("Cannot read weights file " + weights + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(info.weightsSha256())) {
            throw new BundleException("Weights file " + weights + " has SHA-256 " + actual + " but "
                    + MODEL_JSON + " expects " + info.weightsSha256()
                    + ": the file was modified or damaged; restore it or retrain");
        }
    }

    /**
     * DJL loads each parameter with the shape stored in the file, so weights of another architecture (features 8
     * under a features 16 model.json) would load and run as that other network: compare every parameter's shape
     * with the one model.json's architecture gives it.
     */
    private static void checkShapes(Path dir, ModelInfo info, Model model) throws BundleException {
        Block expected = Architectures.block(info);
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            expected.initialize(scratch, DataType.FLOAT32, Architectures.inputShape(info));
            ParameterList want = expected.getParameters();
            ParameterList got = model.getBlock().getParameters();
            for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                Shape w = i < want.size() ? want.get(i).getValue().getArray().getShape() : null;
                Shape g = i < got.size() && got.get(i).getValue().isInitialized()
                        ? got.get(i).getValue().getArray().getShape()
                        : null;
                if (w == null || !w.equals(g)) {
                    String name =
                            i < want.size() ? want.get(i).getKey() : got.get(i).getKey();
                    throw new BundleException("Weights " + dir.resolve(info.weightsFile()) + " belong to another"
                            + " architecture than " + dir.resolve(MODEL_JSON) + " describes (" + info.kind() + " "
                            + info.architecture() + "): parameter " + name + " is " + (g == null ? "missing" : g)
                            + " in the weights but " + (w == null ? "absent" : w) + " in that architecture; use"
                            + " the model.json saved with these weights");
                }
            }
        }
    }

    /**
     * Loads DJL parameters named {@code <prefix>-NNNN.params} (the only names {@code Model.load} accepts) into the
     * model's block.
     */
    public static void loadParameters(Model model, Path dir, String fileName)
            throws BundleException, IOException, MalformedModelException {
        Matcher m = Pattern.compile("(.+)-(\\d{4})\\.params").matcher(fileName);
        if (!m.matches()) {
            throw new BundleException("Weights file name '" + fileName + "' in " + dir
                    + " must look like NAME-0000.params (DJL's naming)");
        }
        model.load(dir, m.group(1), Map.of("epoch", m.group(2)));
    }

    private static String stem(String fileName, String extension) throws BundleException {
        if (!fileName.endsWith(extension)) {
            throw new BundleException("Weights file name '" + fileName + "' should end with " + extension);
        }
        return fileName.substring(0, fileName.length() - extension.length());
    }

    /**
     * Writes a bundle atomically: everything goes into a temporary folder next to {@code dir}, which then
     * replaces {@code dir}. The weights are saved from {@code model} as {@code weights.params}; their name,
     * format and SHA-256 are filled into the written model.json.
     *
     * @param extraFiles files copied into the bundle under the given names (e.g. "learning_curve.csv")
     * @return the info as written
     */
    public static ModelInfo save(Path dir, Model model, ModelInfo info, Map<String, Path> extraFiles)
            throws BundleException {
        Path staged = null;
        try {
            staged = AtomicFiles.newSiblingTempDir(dir);
            model.save(staged, WEIGHTS_STEM);
            Path weights = findSavedParams(staged);
            ModelInfo complete = info.toBuilder()
                    .optWeights(weights.getFileName().toString(), ModelInfo.FORMAT_DJL, AtomicFiles.sha256(weights))
                    .build();
            copyExtras(staged, extraFiles);
            Files.writeString(staged.resolve(MODEL_JSON), complete.toJson());
            AtomicFiles.publishDirectory(staged, dir);
            staged = null;
            return complete;
        } catch (IOException e) {
            throw new BundleException("Cannot write model bundle " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staged);
        }
    }

    private static Path findSavedParams(Path staged) throws IOException {
        try (var files = Files.list(staged)) {
            return files.filter(p -> p.getFileName().toString().startsWith(WEIGHTS_STEM + "-")
                            && p.getFileName().toString().endsWith(".params"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("DJL wrote no " + WEIGHTS_STEM + "-NNNN.params in " + staged));
        }
    }

    private static void copyExtras(Path staged, Map<String, Path> extraFiles) throws IOException {
        if (extraFiles == null) {
            return;
        }
        for (Map.Entry<String, Path> e : extraFiles.entrySet()) {
            if (e.getValue() != null && Files.isRegularFile(e.getValue())) {
                Files.copy(e.getValue(), staged.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Removes a staging folder; a leftover hidden temp folder is harmless, so failures are ignored. */
    static void deleteQuietly(Path dir) {
        try {
            AtomicFiles.deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover hidden temp folder is harmless
        }
    }

    /** @return the bundle's folder */
    public Path directory() {
        return directory;
    }

    public ModelKind kind() {
        return info.modelKind();
    }

    public ModelInfo info() {
        return info;
    }

    /** @return the loaded DJL model (block with weights); owned by this bundle */
    public Model model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
