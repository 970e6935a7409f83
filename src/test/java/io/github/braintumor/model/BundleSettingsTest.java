package io.github.braintumor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.braintumor.engine.DjlEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json's optional "postprocessing" entry and {@link BundleSettings}, the one place that rewrites it. */
class BundleSettingsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        DjlEngine.start();
    }

    private static ModelInfo info() {
        return ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, 8, 2))
                .optWeights("weights.params", ModelInfo.FORMAT_DJL, "abc")
                .build();
    }

    @Test
    void postprocessingRoundTripsUnderSnakeCaseKeys() throws Exception {
        PostProcessingSettings pp = new PostProcessingSettings(true, true, 20);
        ModelInfo info = info().toBuilder().optPostProcessing(pp).build();
        JsonObject json =
                JsonParser.parseString(info.toJson()).getAsJsonObject().getAsJsonObject("postprocessing");
        assertEquals(20, json.get("min_area").getAsInt());
        assertTrue(json.get("lcc").getAsBoolean());
        ModelInfo back = ModelInfo.fromJson(info.toJson(), "model.json");
        assertEquals(pp, back.postProcessing());
        assertEquals(info, back);
        assertEquals("tta+lcc+min_area_20", back.postProcessing().name());
    }

    @Test
    void modelJsonWithoutTheKeyLoadsAsOffAndIsWrittenWithoutIt() throws Exception {
        JsonObject old = JsonParser.parseString(info().toJson()).getAsJsonObject();
        assertFalse(old.has("postprocessing"), "no entry when nothing is recorded: " + old);
        ModelInfo back = ModelInfo.fromJson(old.toString(), "old/model.json");
        assertNull(back.postprocessing());
        assertEquals(PostProcessingSettings.OFF, back.postProcessing());
        assertTrue(back.postProcessing().isOff());
        assertEquals(ModelInfo.FORMAT_VERSION, back.formatVersion());
        // a partial entry: absent fields are off
        old.add("postprocessing", JsonParser.parseString("{\"lcc\": true}"));
        assertEquals(
                new PostProcessingSettings(false, true, 0),
                ModelInfo.fromJson(old.toString(), "m").postProcessing());
    }

    @Test
    void negativeMinimumAreaInModelJsonIsABundleError() {
        JsonObject json = JsonParser.parseString(info().toJson()).getAsJsonObject();
        json.add("postprocessing", JsonParser.parseString("{\"min_area\": -3}"));
        BundleException e =
                assertThrows(BundleException.class, () -> ModelInfo.fromJson(json.toString(), "x/model.json"));
        assertTrue(e.getMessage().contains("x/model.json") && e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void writingKeepsTheWeightsValidAndChangesOnlyWhatIsAsked() throws Exception {
        Path bundle = dir.resolve("unet");
        ModelInfo written = ModelBundleTest.writeUnet(bundle, 4);
        byte[] weights = Files.readAllBytes(bundle.resolve(written.weightsFile()));

        PostProcessingSettings pp = new PostProcessingSettings(false, true, 15);
        ModelInfo updated = BundleSettings.write(bundle, null, pp);
        assertEquals(written.threshold(), updated.threshold());
        assertEquals(pp, ModelBundle.verify(bundle).postProcessing()); // verify = SHA-256 of the weights checked
        assertEquals(written.toBuilder().optPostProcessing(pp).build(), ModelBundle.readInfo(bundle));

        BundleSettings.write(bundle, 0.3, null);
        ModelInfo both = ModelBundle.readInfo(bundle);
        assertEquals(0.3f, both.threshold());
        assertEquals(pp, both.postProcessing());

        BundleSettings.write(bundle, null, PostProcessingSettings.OFF);
        assertFalse(Files.readString(bundle.resolve(ModelBundle.MODEL_JSON)).contains("postprocessing"));
        try (ModelBundle b = ModelBundle.load(bundle, ModelKind.UNET)) {
            assertEquals(PostProcessingSettings.OFF, b.info().postProcessing());
            assertEquals(0.3f, b.info().threshold());
            assertEquals(written.weightsSha256(), b.info().weightsSha256());
            assertEquals(written.created(), b.info().created());
        }
        assertEquals(
                java.util.Arrays.hashCode(weights),
                java.util.Arrays.hashCode(Files.readAllBytes(bundle.resolve(written.weightsFile()))));
        try (var files = Files.list(bundle)) {
            assertEquals(2, files.count(), "model.json and the weights, no temporary file left");
        }
    }

    @Test
    void badValuesAndFoldersAreRejected() throws Exception {
        Files.writeString(dir.resolve(ModelBundle.MODEL_JSON), info().toJson());
        assertThrows(BundleException.class, () -> BundleSettings.write(dir, 1.5, null));
        assertThrows(BundleException.class, () -> BundleSettings.write(dir.resolve("none"), 0.5, null));
        Path classifier = Files.createDirectories(dir.resolve("classifier"));
        Files.writeString(
                classifier.resolve(ModelBundle.MODEL_JSON),
                ModelInfo.builder(ModelKind.CLASSIFIER)
                        .setArchitecture(new JsonObject())
                        .optWeights("w.params", ModelInfo.FORMAT_DJL, "abc")
                        .build()
                        .toJson());
        BundleException e = assertThrows(
                BundleException.class,
                () -> BundleSettings.write(classifier, null, new PostProcessingSettings(false, true, 0)));
        assertTrue(e.getMessage().contains("UNet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PostProcessingSettings(false, false, -1));
    }
}
