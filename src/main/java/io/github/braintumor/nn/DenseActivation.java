package io.github.braintumor.nn;

import java.util.Locale;

/** Activation of the classifier's hidden dense layer; {@link #id()} is the study's name ("relu", "sigmoid"). */
public enum DenseActivation {
    RELU,
    SIGMOID;

    /** @return "relu" or "sigmoid" */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DenseActivation fromId(String id) {
        for (DenseActivation a : values()) {
            if (a.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("dense activation '" + id + "' unknown: use relu or sigmoid");
    }
}
