package io.github.braintumor.model;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-processing a UNet bundle recommends, stored as {@code "postprocessing": {"tta": .., "lcc": ..,
 * "min_area": ..}} in {@code model.json} (chosen on validation data by {@code brain-tumor evaluate
 * --write-postprocessing}). A bundle without the entry means {@link #OFF}.
 *
 * <pre>{@code
 * PostProcessingSettings pp = new PostProcessingSettings(true, true, 20);
 * String label = pp.name(); // "tta+lcc+min_area_20"
 * String other = new PostProcessingSettings(true, true, 0, PostProcessingSettings.LCC_BY_CONFIDENCE).name(); // "tta+lcc_conf"
 * }</pre>
 *
 * @param tta     average the probabilities of each slice and of its left-right mirror image (mirrored back)
 * @param lcc     keep only the largest 3-D connected tumour region of the stack (one patient volume)
 * @param minArea empty slices with fewer predicted tumour pixels than this (0 = off)
 * @param lccBy   what "largest" means for {@code lcc}: {@link #LCC_BY_SIZE} (voxels; also when null, as bundles
 *                written before the entry), {@link #LCC_BY_CONFIDENCE} (the network's confidence mass) or
 *                {@link #LCC_BY_RELATIVE} (every component near the most confident one)
 */
public record PostProcessingSettings(
        boolean tta,
        boolean lcc,
        @SerializedName("min_area") int minArea,
        @SerializedName("lcc_by") String lccBy) {

    /** The largest component is the one with the most voxels. */
    public static final String LCC_BY_SIZE = "size";

    /**
     * The largest component is the one with the most confidence: the sum over its voxels of how far the probability
     * is above the threshold, {@code (p - t) / (1 - t)}. A large region the network is unsure of weighs less than a
     * smaller one it is sure of.
     */
    public static final String LCC_BY_CONFIDENCE = "confidence";

    /**
     * Every component whose confidence mass is at least {@link #RELATIVE_FRACTION} of the most confident one's is
     * kept: a tumour the network splits in two keeps both parts, small or unsure islands still go.
     */
    public static final String LCC_BY_RELATIVE = "relative";

    /** The share of the most confident component's mass another component needs under {@link #LCC_BY_RELATIVE}. */
    public static final double RELATIVE_FRACTION = 0.25;

    /** No augmentation and no clean-up: the thresholded probabilities as they are. */
    public static final PostProcessingSettings OFF = new PostProcessingSettings(false, false, 0);

    /** @throws IllegalArgumentException for a negative minimum area or an unknown {@code lccBy} */
    public PostProcessingSettings {
        if (minArea < 0) {
            throw new IllegalArgumentException("Minimum tumour area must be >= 0 pixels, got " + minArea);
        }
        if (lccBy != null
                && !lccBy.equals(LCC_BY_SIZE)
                && !lccBy.equals(LCC_BY_CONFIDENCE)
                && !lccBy.equals(LCC_BY_RELATIVE)) {
            throw new IllegalArgumentException("lcc_by must be " + LCC_BY_SIZE + ", " + LCC_BY_CONFIDENCE + " or "
                    + LCC_BY_RELATIVE + ", got '" + lccBy + "'");
        }
    }

    /** The largest component by size (voxels). */
    public PostProcessingSettings(boolean tta, boolean lcc, int minArea) {
        this(tta, lcc, minArea, null);
    }

    /** @return whether {@code lcc} weighs components by confidence (the most confident, or all near it) */
    public boolean lccByConfidence() {
        return LCC_BY_CONFIDENCE.equals(lccBy) || LCC_BY_RELATIVE.equals(lccBy);
    }

    /** @return whether {@code lcc} keeps every component with {@link #RELATIVE_FRACTION} of the top confidence */
    public boolean lccRelative() {
        return LCC_BY_RELATIVE.equals(lccBy);
    }

    /** @return the settings, or {@link #OFF} for null (a bundle written before the entry existed) */
    public static PostProcessingSettings orOff(PostProcessingSettings settings) {
        return settings == null ? OFF : settings;
    }

    /** @return true when nothing is done beyond thresholding */
    public boolean isOff() {
        return !tta && !lcc && minArea <= 0;
    }

    /**
     * @return "raw", or the steps joined by '+', e.g. {@code tta+lcc+min_area_50} or {@code tta+lcc_conf} (as
     *     evaluation names variants)
     */
    public String name() {
        List<String> parts = new ArrayList<>();
        if (tta) parts.add("tta");
        if (lcc) parts.add(lccRelative() ? "lcc_rel" : lccByConfidence() ? "lcc_conf" : "lcc");
        if (minArea > 0) parts.add("min_area_" + minArea);
        return parts.isEmpty() ? "raw" : String.join("+", parts);
    }

    /**
     * @return these settings as the keys model.json gives them ({@code tta}, {@code lcc}, {@code min_area},
     *     {@code lcc_by} when set), after their {@code name}: what an exported bioimage.io package records
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("tta", tta);
        m.put("lcc", lcc);
        m.put("min_area", minArea);
        if (lccBy != null) m.put("lcc_by", lccBy);
        return m;
    }

    /**
     * @return the settings {@link #toMap} wrote (missing keys: off)
     * @throws IllegalArgumentException for values these settings refuse
     */
    public static PostProcessingSettings fromMap(Map<?, ?> m) {
        return new PostProcessingSettings(
                Boolean.TRUE.equals(m.get("tta")),
                Boolean.TRUE.equals(m.get("lcc")),
                m.get("min_area") instanceof Number n ? n.intValue() : 0,
                m.get("lcc_by") == null ? null : m.get("lcc_by").toString());
    }
}
