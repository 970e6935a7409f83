package io.github.braintumor.infer;

import java.nio.file.Path;

/**
 * A model gave NaN or infinite outputs: its masks or calls would be silently empty, so inference stops instead
 * (a bad model is the user's input: the CLI answers exit 2 with this one line).
 */
public final class NonFiniteOutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param model the bundle folder (or file) of the model
     * @param bad how many of {@code total} outputs were not finite
     */
    public NonFiniteOutputException(Path model, long bad, long total) {
        super("the model " + model + " gives " + bad + " non-finite (NaN or infinite) output(s) of " + total
                + ": its weights or inputs are broken; retrain it or use another model");
    }

    /**
     * @throws NonFiniteOutputException when any of {@code values} is NaN or infinite
     */
    public static void check(float[] values, Path model) {
        long bad = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) bad++;
        }
        if (bad > 0) throw new NonFiniteOutputException(model, bad, values.length);
    }
}
