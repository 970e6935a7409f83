package io.github.braintumor.data;

import java.util.Locale;

/** The part of a patient-level split a patient belongs to. */
public enum SplitPart {
    TRAIN,
    VALIDATION,
    TEST;

    /** @return the lower-case name used in split CSV files ({@code train}, {@code validation}, {@code test}) */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param s {@code train}, {@code validation} (or {@code val}) or {@code test}, any case
     * @throws IllegalArgumentException for anything else
     */
    public static SplitPart parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "train" -> TRAIN;
            case "validation", "val" -> VALIDATION;
            case "test" -> TEST;
            default ->
                throw new IllegalArgumentException(
                        "unknown split part '" + s + "', expected train, validation or test");
        };
    }
}
