package io.github.braintumor.model;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The default models shipped inside the jar, extracted once to a cache folder and loaded from there (the SHA-256 of
 * the weights is checked on every load, so a damaged cache is extracted again).
 *
 * <pre>{@code
 * try (ModelBundle unet = EmbeddedModels.load(ModelKind.UNET)) {
 *     System.out.println(unet.info().postProcessing());
 * }
 * }</pre>
 */
public final class EmbeddedModels {
    private EmbeddedModels() {}

    /** Classpath folder of the embedded default models, followed by the kind id and '/'. */
    public static final String EMBEDDED_ROOT = "/io/github/braintumor/models/";
    /** System property naming the folder the embedded models are extracted to (default ~/.braintumor/models). */
    public static final String CACHE_PROPERTY = "braintumor.cache";

    /**
     * Loads the default model of a kind shipped inside the jar under {@code /io/github/braintumor/models/<kind>/},
     * extracting it once to {@code ~/.braintumor/models/<kind>-<sha prefix>} (or {@code braintumor.cache}).
     *
     * @throws BundleException "no embedded default model in this build" when the resources are absent
     */
    public static ModelBundle load(ModelKind kind) throws BundleException {
        return load(kind, EmbeddedModels.class.getClassLoader(), cacheRoot());
    }

    /** {@link #load(ModelKind)} from the given class loader's resources, extracted under {@code cacheRoot}. */
    static ModelBundle load(ModelKind kind, ClassLoader loader, Path cacheRoot) throws BundleException {
        String base = EMBEDDED_ROOT.substring(1) + kind.id() + "/"; // ClassLoader names have no leading '/'
        String json;
        try (InputStream in = loader.getResourceAsStream(base + ModelBundle.MODEL_JSON)) {
            if (in == null) {
                throw new BundleException("There is no embedded default " + kind.id()
                        + " model in this build: choose a model bundle folder instead");
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BundleException(
                    "Cannot read embedded " + base + ModelBundle.MODEL_JSON + ": " + e.getMessage(), e);
        }
        ModelInfo info = ModelInfo.fromJson(json, "embedded " + base + ModelBundle.MODEL_JSON);
        String sha = Objects.requireNonNullElse(info.weightsSha256(), "nosha");
        Path cache = cacheRoot.resolve(kind.id() + "-" + sha.substring(0, Math.min(16, sha.length())));
        if (Files.isRegularFile(cache.resolve(ModelBundle.MODEL_JSON))) {
            try {
                if (!json.equals(Files.readString(cache.resolve(ModelBundle.MODEL_JSON)))) {
                    throw new BundleException(ModelBundle.MODEL_JSON + " differs from the one in the jar");
                }
                return ModelBundle.load(cache, kind);
            } catch (IOException e) {
                System.err.println("brain-tumor: cannot read the cached " + kind.id() + " model in " + cache + " ("
                        + e.getMessage() + "); extracting it again");
            } catch (BundleException damaged) {
                // A changed or missing file in the cache (SHA-256 checked on load): the jar still has the original.
                System.err.println("brain-tumor: the cached " + kind.id() + " model in " + cache + " is damaged ("
                        + damaged.getMessage() + "); extracting it again");
            }
        }
        extract(kind, loader, base, json, info, cache, cacheRoot);
        return ModelBundle.load(cache, kind);
    }

    private static void extract(
            ModelKind kind, ClassLoader loader, String base, String json, ModelInfo info, Path cache, Path cacheRoot)
            throws BundleException {
        Path staged = null;
        try {
            staged = AtomicFiles.newSiblingTempDir(cache);
            Files.writeString(staged.resolve(ModelBundle.MODEL_JSON), json);
            try (InputStream w = loader.getResourceAsStream(base + info.weightsFile())) {
                if (w == null) {
                    throw new BundleException("Embedded " + base + ModelBundle.MODEL_JSON + " names weights "
                            + info.weightsFile() + " that are not in this build");
                }
                Files.copy(w, staged.resolve(info.weightsFile()));
            }
            if (Files.exists(cache)) {
                AtomicFiles.deleteRecursively(cache); // an incomplete or damaged earlier extraction
            }
            AtomicFiles.publishDirectory(staged, cache);
            staged = null;
        } catch (FileSystemException e) { // access denied, read-only, a file in the way

            throw new BundleException(
                    "Cannot write the model cache " + cacheRoot + " (" + e.getMessage() + "): set"
                            + " a writable folder with -D" + CACHE_PROPERTY + "=DIR (for bin/brain-tumor:"
                            + " BRAIN_TUMOR_JAVA_OPTS=-D" + CACHE_PROPERTY + "=DIR)",
                    e);
        } catch (IOException e) {
            throw new BundleException(
                    "Cannot extract the embedded " + kind.id() + " model to " + cache + ": " + e.getMessage(), e);
        } finally {
            ModelBundle.deleteQuietly(staged);
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".braintumor", "models");
    }
}
