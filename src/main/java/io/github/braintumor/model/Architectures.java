package io.github.braintumor.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.SliceClassifierNet;
import io.github.braintumor.nn.UNet;
import java.util.Map;

/**
 * The one place that turns a {@code model.json} architecture into a DJL block (and back), so a bundle, a trainer
 * and a checkpoint always agree.
 *
 * <pre>{@code
 * Block unet = Architectures.block(info);   // info.kind() == "unet": UNet with info's features/depth/inChannels
 * }</pre>
 */
public final class Architectures {
    private static final Gson GSON = new Gson();

    private Architectures() {}

    /** @return a fresh, uninitialised block for the info's kind and architecture */
    public static Block block(ModelInfo info) {
        return switch (info.modelKind()) {
            case UNET ->
                UNet.builder()
                        .optInChannels(info.architectureInt("inChannels", info.inputChannels()))
                        .optFeatures(info.architectureInt("features", 32))
                        .optDepth(info.architectureInt("depth", 4))
                        .build();
            case CLASSIFIER -> SliceClassifierNet.build(classifierHyperparameters(info), info.inputChannels());
        };
    }

    /** @return the shape of one input the info's block takes, for initialising it (batch 1) */
    public static Shape inputShape(ModelInfo info) {
        return switch (info.modelKind()) {
            case UNET ->
                new Shape(
                        1,
                        info.architectureInt("inChannels", info.inputChannels()),
                        info.inputSize(),
                        info.inputSize());
            case CLASSIFIER -> SliceClassifierNet.inputShape(classifierHyperparameters(info), info.inputChannels(), 1);
        };
    }

    /** @return the classifier hyperparameters stored in a classifier's architecture */
    public static ClassifierHyperparameters classifierHyperparameters(ModelInfo info) {
        Map<String, Object> map = GSON.fromJson(
                info.architecture(), new com.google.gson.reflect.TypeToken<Map<String, Object>>() {}.getType());
        return ClassifierHyperparameters.fromMap(map);
    }

    /** @return the architecture object of a classifier (its hyperparameters as in {@code toMap()}) */
    public static com.google.gson.JsonObject classifierArchitecture(ClassifierHyperparameters hp) {
        com.google.gson.JsonObject o = GSON.toJsonTree(hp.toMap()).getAsJsonObject();
        o.addProperty("name", "slice_classifier");
        return o;
    }
}
