package io.github.braintumor.model;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;

/**
 * The post-processing a UNet bundle recommends, stored as {@code "postprocessing": {"tta": .., "lcc": ..,
 * "min_area": ..}} in {@code model.json} (chosen on validation data by {@code brain-tumor evaluate
 * --write-postprocessing}). A bundle without the entry means {@link #OFF}.
 *
 * <pre>{@code
 * PostProcessingSettings pp = new PostProcessingSettings(true, true, 20);
 * String label = pp.name(); // "tta+lcc+min_area_20"
 * }</pre>
 *
 * @param tta     average the probabilities of each slice and of its left-right mirror image (mirrored back)
 * @param lcc     keep only the largest 3-D connected tumour region of the stack (one patient volume)
 * @param minArea empty slices with fewer predicted tumour pixels than this (0 = off)
 */
public record PostProcessingSettings(
        boolean tta,
        boolean lcc,
        @SerializedName("min_area") int minArea) {

    /** No augmentation and no clean-up: the thresholded probabilities as they are. */
    public static final PostProcessingSettings OFF = new PostProcessingSettings(false, false, 0);

    /** @throws IllegalArgumentException for a negative minimum area */
    public PostProcessingSettings {
        if (minArea < 0) {
            throw new IllegalArgumentException("Minimum tumour area must be >= 0 pixels, got " + minArea);
        }
    }

    /** @return the settings, or {@link #OFF} for null (a bundle written before the entry existed) */
    public static PostProcessingSettings orOff(PostProcessingSettings settings) {
        return settings == null ? OFF : settings;
    }

    /** @return true when nothing is done beyond thresholding */
    public boolean isOff() {
        return !tta && !lcc && minArea <= 0;
    }

    /** @return "raw", or the steps joined by '+', e.g. {@code tta+lcc+min_area_50} (as evaluation names variants) */
    public String name() {
        List<String> parts = new ArrayList<>();
        if (tta) parts.add("tta");
        if (lcc) parts.add("lcc");
        if (minArea > 0) parts.add("min_area_" + minArea);
        return parts.isEmpty() ? "raw" : String.join("+", parts);
    }
}
