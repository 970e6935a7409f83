package io.github.braintumor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        DjlEngine.start();
    }

    /** Writes a features-4 UNet bundle with seeded weights and returns the info written. */
    static ModelInfo writeUnet(Path bundle, int features) throws BundleException {
        ModelInfo info = ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, features, 4))
                .build();
        DjlEngine.seed(11);
        try (Model m = Model.newInstance("unet", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            m.setBlock(Architectures.block(info));
            m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
            return ModelBundle.save(bundle, m, info, Map.of());
        }
    }

    private static float[] forward(ModelBundle b, long seed) {
        try (NDManager sub = b.model().getNDManager().newSubManager()) {
            float[] v = new float[3 * 32 * 32];
            java.util.Random r = new java.util.Random(seed);
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextFloat();
            }
            NDArray x = sub.create(v, new Shape(1, 3, 32, 32));
            return b.model()
                    .getBlock()
                    .forward(new ParameterStore(sub, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    @Test
    void saveThenLoadGivesSameInfoAndWeights() throws Exception {
        Path bundle = dir.resolve("unet");
        ModelInfo written = writeUnet(bundle, 4);
        try (ModelBundle b = ModelBundle.load(bundle, ModelKind.UNET)) {
            assertEquals(ModelKind.UNET, b.kind());
            assertEquals(written, b.info());
            assertEquals(
                    AtomicFiles.sha256(bundle.resolve(b.info().weightsFile())),
                    b.info().weightsSha256());
            try (ModelBundle again = ModelBundle.load(bundle)) {
                assertArrayEquals(forward(b, 1), forward(again, 1));
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folder left next to the bundle");
        }
    }

    @Test
    void savingAgainReplacesTheBundleAtomically() throws Exception {
        Path bundle = dir.resolve("unet");
        writeUnet(bundle, 4);
        ModelInfo second = writeUnet(bundle, 8);
        assertEquals(8, ModelBundle.readInfo(bundle).architectureInt("features", 0));
        assertEquals(second.weightsSha256(), ModelBundle.verify(bundle).weightsSha256());
    }

    @Test
    void tamperedWeightsAreRejectedNamingTheFile() throws Exception {
        Path bundle = dir.resolve("unet");
        ModelInfo info = writeUnet(bundle, 4);
        Path weights = bundle.resolve(info.weightsFile());
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 1;
        Files.write(weights, bytes);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void wrongKindIsRejected() throws Exception {
        Path bundle = dir.resolve("unet");
        writeUnet(bundle, 4);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle, ModelKind.CLASSIFIER));
        assertTrue(e.getMessage().contains("unet") && e.getMessage().contains("classifier"), e.getMessage());
    }

    @Test
    void unknownKindMissingFilesAndMissingFolderAreClear() throws Exception {
        Path bundle = dir.resolve("unet");
        ModelInfo info = writeUnet(bundle, 4);
        Path json = bundle.resolve(ModelBundle.MODEL_JSON);
        Files.writeString(json, Files.readString(json).replace("\"kind\": \"unet\"", "\"kind\": \"vae\""));
        BundleException unknown = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(
                unknown.getMessage().contains("vae") && unknown.getMessage().contains(json.toString()),
                unknown.getMessage());

        Files.writeString(json, info.toJson());
        Files.delete(bundle.resolve(info.weightsFile()));
        BundleException missing = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(missing.getMessage().contains(info.weightsFile()), missing.getMessage());

        BundleException noFolder = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("nope")));
        assertTrue(noFolder.getMessage().contains("nope"), noFolder.getMessage());
        BundleException noJson = assertThrows(BundleException.class, () -> ModelBundle.load(dir));
        assertTrue(noJson.getMessage().contains(ModelBundle.MODEL_JSON), noJson.getMessage());
    }

    @Test
    void embeddedDefaultsLoadWithTheirKindOrSaySoWhenAbsent() throws Exception {
        for (ModelKind kind : ModelKind.values()) {
            if (ModelBundle.class.getResource(EmbeddedModels.EMBEDDED_ROOT + kind.id() + "/" + ModelBundle.MODEL_JSON)
                    != null) {
                try (ModelBundle b = EmbeddedModels.load(kind)) { // SHA-256 of the weights checked on load
                    assertEquals(kind, b.kind());
                    assertEquals(256, b.info().inputSize());
                }
            } else {
                BundleException e = assertThrows(BundleException.class, () -> EmbeddedModels.load(kind));
                assertTrue(e.getMessage().contains("no embedded default"), e.getMessage());
            }
        }
    }

    @Test
    void embeddedModelIsExtractedOnceAndLoaded() throws Exception {
        Path resources = dir.resolve("resources");
        Path folder = resources.resolve("io/github/braintumor/models/unet");
        ModelInfo info = writeUnet(folder, 4);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {resources.toUri().toURL()}, null)) {
            Path cache = dir.resolve("cache");
            try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET, loader, cache)) {
                assertEquals(info.weightsSha256(), b.info().weightsSha256());
                assertTrue(b.directory().startsWith(cache));
            }
            try (ModelBundle again = EmbeddedModels.load(ModelKind.UNET, loader, cache)) { // reuses the extraction
                assertEquals(ModelKind.UNET, again.kind());
            }
            BundleException none =
                    assertThrows(BundleException.class, () -> EmbeddedModels.load(ModelKind.CLASSIFIER, loader, cache));
            assertTrue(none.getMessage().contains("no embedded default"), none.getMessage());
        }
    }

    @Test
    void damagedModelCacheIsExtractedAgainFromTheJar() throws Exception {
        Path resources = dir.resolve("resources");
        ModelInfo info = writeUnet(resources.resolve("io/github/braintumor/models/unet"), 4);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {resources.toUri().toURL()}, null)) {
            Path cache = dir.resolve("cache");
            Path extracted;
            try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET, loader, cache)) {
                extracted = b.directory();
            }
            Path weights = extracted.resolve(info.weightsFile());
            byte[] good = Files.readAllBytes(weights);
            byte[] flipped = good.clone();
            flipped[flipped.length / 2] ^= 1;
            Files.write(weights, flipped); // a flipped bit
            try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET, loader, cache)) {
                assertEquals(extracted, b.directory());
            }
            assertArrayEquals(good, Files.readAllBytes(weights));
            Files.delete(weights); // a missing file
            try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET, loader, cache)) {
                assertEquals(info.weightsSha256(), b.info().weightsSha256());
            }
            assertArrayEquals(good, Files.readAllBytes(weights));
            Path json = extracted.resolve(ModelBundle.MODEL_JSON);
            String edited = Files.readString(json).replaceFirst("\"threshold\": [0-9.]+", "\"threshold\": 0.01");
            assertFalse(edited.equals(Files.readString(json)), "the edit changed nothing");
            Files.writeString(json, edited);
            try (ModelBundle b = EmbeddedModels.load(ModelKind.UNET, loader, cache)) { // an edited model.json
                assertEquals(info.threshold(), b.info().threshold());
            }
        }
    }

    @Test
    void unwritableModelCacheSaysHowToMoveIt() throws Exception {
        Path resources = dir.resolve("resources");
        writeUnet(resources.resolve("io/github/braintumor/models/unet"), 4);
        Path file = Files.writeString(dir.resolve("home-file"), "not a folder"); // unwritable even for root
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {resources.toUri().toURL()}, null)) {
            BundleException e = assertThrows(
                    BundleException.class, () -> EmbeddedModels.load(ModelKind.UNET, loader, file.resolve("models")));
            assertTrue(
                    e.getMessage().contains("Cannot write the model cache " + file.resolve("models"))
                            && e.getMessage().contains("-Dbraintumor.cache=DIR")
                            && e.getMessage().contains("BRAIN_TUMOR_JAVA_OPTS"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void importsTorchScriptTracedByPyTorch() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path peer = Path.of("").toAbsolutePath().getParent().resolve("shared/bench/peer");
        boolean torch = Files.isExecutable(python)
                && Files.isRegularFile(peer.resolve("unet.py"))
                && run(python.toString(), "-c", "import torch") == 0;
        if (!torch) {
            System.out.println("SKIP importsTorchScriptTracedByPyTorch: /usr/bin/python3 with torch or "
                    + peer.resolve("unet.py") + " is absent");
        }
        assumeTrue(torch, "python3 with torch absent");
        Path pt = dir.resolve("unet4.pt");
        String script = "import sys, torch; sys.path.insert(0, '" + peer + "'); from unet import UNet; "
                + "torch.manual_seed(0); m = UNet(init_features=4).eval(); "
                + "torch.jit.trace(m, torch.rand(1, 3, 64, 64)).save('" + pt + "')";
        assertEquals(0, run(python.toString(), "-c", script));
        Path sidecar = dir.resolve("unet4.json");
        Files.writeString(
                sidecar,
                "{\"kind\": \"unet\", \"architecture\": {\"name\": \"buda-unet\", "
                        + "\"features\": 4, \"output\": \"probabilities\"}, \"inputSize\": 256, \"inputChannels\": 3, "
                        + "\"normalization\": \"divide255\", \"threshold\": 0.5}");
        try (ModelBundle b = TorchScriptBundles.importModule(pt, sidecar, dir.resolve("imported"))) {
            assertEquals(ModelInfo.FORMAT_TORCHSCRIPT, b.info().weightsFormat());
            assertEquals(
                    "ai.djl.pytorch.engine.PtSymbolBlock",
                    b.model().getBlock().getClass().getName());
            float[] y = forward(b, 2);
            assertEquals(32 * 32, y.length);
            for (float v : y) {
                assertTrue(v >= 0 && v <= 1, "sigmoid output " + v);
            }
        }
        assertFalse(Files.exists(dir.resolve("imported-bundle")));
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
