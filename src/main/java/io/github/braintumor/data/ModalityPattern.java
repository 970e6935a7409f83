package io.github.braintumor.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which MRI sequences a slice really holds. The Kaggle LGG layout always stores three channels (pre-contrast,
 * FLAIR, post-contrast) and fills a missing sequence with FLAIR, so the pattern shows as channels equal to FLAIR.
 * {@link #of(SliceImage)} detects it; {@link #simulate(byte[], int)} makes a complete slice look exactly as the data
 * set stores a slice with that pattern (what modality-robust training and the robustness evaluation do).
 *
 * <pre>{@code
 * ModalityPattern p = ModalityPattern.of(LggTiff.readImage(Path.of("TCGA_DU_6407_19860514_12.tif")));
 * // NO_POST: channel 3 equals FLAIR
 * byte[] flairOnly = ModalityPattern.FLAIR_ONLY.simulate(image.pixels(), image.width() * image.height());
 * }</pre>
 */
public enum ModalityPattern {
    /** Three different sequences. */
    COMPLETE("complete", 0, 1, 2),
    /** Only FLAIR: every channel equals FLAIR. */
    FLAIR_ONLY("flair-only", 1, 1, 1),
    /** No post-contrast sequence: channel 3 equals FLAIR. */
    NO_POST("no-post", 0, 1, 1),
    /** No pre-contrast sequence: channel 1 equals FLAIR. */
    NO_PRE("no-pre", 1, 1, 2),
    /** A single-channel file copied into every channel (reads like FLAIR-only). */
    SINGLE_CHANNEL("single-channel", 1, 1, 1);

    private final String id;
    private final int[] source;

    ModalityPattern(String id, int... source) {
        this.id = id;
        this.source = source;
    }

    /** @return the stable name used in tables, CSV files, model.json and command options */
    public String id() {
        return id;
    }

    /** @return for each of the 3 channels, the channel of a complete slice it is copied from */
    public int sourceChannel(int channel) {
        return source[channel];
    }

    /** @return the missing-modality patterns that training and evaluation simulate */
    public static List<ModalityPattern> missing() {
        return List.of(FLAIR_ONLY, NO_POST, NO_PRE);
    }

    /**
     * @param chw   a 3-channel slice, planar
     * @param plane pixels per channel
     * @return a new array holding the slice as the data set stores this pattern (a copy even for COMPLETE)
     */
    public byte[] simulate(byte[] chw, int plane) {
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException("a 3-channel slice of " + plane + " pixels per channel has " + 3 * plane
                    + " bytes, got " + chw.length);
        }
        byte[] out = new byte[chw.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(chw, source[c] * plane, out, c * plane, plane);
        }
        return out;
    }

    /** @return the slice with this pattern simulated (unchanged for COMPLETE) */
    public SliceImage simulate(SliceImage image) {
        if (this == COMPLETE) {
            return image;
        }
        return new SliceImage(
                image.width(),
                image.height(),
                image.channels(),
                simulate(image.pixels(), image.width() * image.height()),
                image.replicated());
    }

    /**
     * The pattern of one slice. A slice without any FLAIR signal (outside the head) says nothing and is reported
     * as {@link #COMPLETE}; {@link #ofPatient} ignores such slices.
     */
    public static ModalityPattern of(SliceImage image) {
        if (image.replicated()) {
            return SINGLE_CHANNEL;
        }
        if (image.channels() != 3 || !hasSignal(image)) {
            return COMPLETE;
        }
        boolean preIsFlair = equalPlanes(image, SliceImage.PRE_CONTRAST, SliceImage.FLAIR);
        boolean postIsFlair = equalPlanes(image, SliceImage.POST_CONTRAST, SliceImage.FLAIR);
        if (preIsFlair && postIsFlair) {
            return FLAIR_ONLY;
        }
        return postIsFlair ? NO_POST : preIsFlair ? NO_PRE : COMPLETE;
    }

    /** @return true when the slice has a nonzero FLAIR pixel (so that its pattern can be told) */
    public static boolean hasSignal(SliceImage image) {
        int plane = image.width() * image.height();
        byte[] px = image.pixels();
        int from = Math.min(SliceImage.FLAIR, image.channels() - 1) * plane;
        for (int i = from; i < from + plane; i++) {
            if (px[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pattern of a volume: the most frequent pattern among its slices with signal (ties go to the more
     * complete pattern); COMPLETE when no slice has signal.
     */
    public static ModalityPattern ofPatient(List<ModalityPattern> slicePatterns, List<Boolean> hasSignal) {
        int[] votes = new int[values().length];
        for (int i = 0; i < slicePatterns.size(); i++) {
            if (hasSignal.get(i)) {
                votes[slicePatterns.get(i).ordinal()]++;
            }
        }
        ModalityPattern best = COMPLETE;
        for (ModalityPattern p : values()) {
            if (votes[p.ordinal()] > votes[best.ordinal()]) {
                best = p;
            }
        }
        return best;
    }

    /** @return the pattern with this id, e.g. {@code flair-only} */
    public static ModalityPattern fromId(String id) {
        for (ModalityPattern p : values()) {
            if (p.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown modality pattern '" + id + "'; known: "
                + Arrays.stream(values()).map(ModalityPattern::id).collect(Collectors.joining(", ")));
    }

    /** @return "complete: 30, no-post: 8" style summary of counts */
    public static String summary(List<ModalityPattern> patterns) {
        Map<String, Integer> n = new TreeMap<>();
        for (ModalityPattern p : patterns) {
            n.merge(p.id, 1, Integer::sum);
        }
        return n.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean equalPlanes(SliceImage image, int a, int b) {
        int plane = image.width() * image.height();
        byte[] px = image.pixels();
        for (int i = 0; i < plane; i++) {
            if (px[a * plane + i] != px[b * plane + i]) {
                return false;
            }
        }
        return true;
    }
}
