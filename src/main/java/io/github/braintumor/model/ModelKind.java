package io.github.braintumor.model;

import java.util.Locale;

/** What a model bundle holds: a segmentation UNet or a slice classifier. */
public enum ModelKind {
    UNET,
    CLASSIFIER;

    /** @return the lower-case id written in {@code model.json} ("unet", "classifier"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id "unet" or "classifier" (case-insensitive)
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static ModelKind fromId(String id) {
        if (id != null) {
            for (ModelKind k : values()) {
                if (k.id().equalsIgnoreCase(id.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("Unknown model kind '" + id + "': expected 'unet' or 'classifier'");
    }
}
