package io.github.braintumor.model;

import ai.djl.nn.Block;
import com.google.gson.Gson;
import io.github.braintumor.nn.ClassifierHyperparameters;
import io.github.braintumor.nn.SliceClassifierNet;
import io.github.braintumor.nn.UNet;

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
            case UNET -> UNet.builder()
                    .optInChannels(info.architectureInt("inChannels", info.inputChannels()))
                    .optFeatures(info.architectureInt("features", 32))
                    .optDepth(info.architectureInt("depth", 4))
                    .build();
            case CLASSIFIER -> SliceClassifierNet.builder()
                    .optHyperparameters(classifierHyperparameters(info))
                    .build();
        };
    }

    /** @return the classifier hyperparameters stored in a classifier's architecture */
    public static ClassifierHyperparameters classifierHyperparameters(ModelInfo info) {
        return GSON.fromJson(info.architecture(), ClassifierHyperparameters.class);
    }
}
