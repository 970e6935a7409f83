package io.github.braintumor.eval;

import io.github.braintumor.infer.PostProcessing;
import io.github.braintumor.model.PostProcessingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of turning model output into masks, so a single run can show what each post-processing step adds:
 * test-time augmentation or not, largest 3-D component or not, minimum slice area or not.
 *
 * <pre>{@code
 * List<Variant> all = Variant.compared(true, true, 50); // raw, tta, lcc, tta+lcc, ... ; the last one is selected
 * }</pre>
 *
 * @param tta     averaged with the mirrored input
 * @param lcc     largest 3-D connected component kept
 * @param minArea minimum predicted area per slice in pixels (0 = off)
 * @param lccBy   which component {@code lcc} keeps: null or {@code size} (most voxels), {@code confidence} (most
 *                confidence mass, {@link PostProcessing#mostConfidentComponent3d})
 */
public record Variant(boolean tta, boolean lcc, int minArea, String lccBy) {

    /** The largest component by size. */
    public Variant(boolean tta, boolean lcc, int minArea) {
        this(tta, lcc, minArea, null);
    }

    /** "raw", or the steps joined by '+', e.g. {@code tta+lcc+min_area_50}. */
    public String name() {
        return settings().name();
    }

    /** @return this variant as the post-processing a bundle can record (and inference then applies) */
    public PostProcessingSettings settings() {
        return new PostProcessingSettings(tta, lcc, minArea, lccBy);
    }

    /** No augmentation, no post-processing. */
    public static Variant raw() {
        return new Variant(false, false, 0);
    }

    /**
     * Every combination of the requested steps with each step on and off, raw first; the last is the requested
     * combination (all steps on).
     */
    public static List<Variant> compared(boolean tta, boolean lcc, int minArea) {
        return compared(tta, lcc, minArea, false);
    }

    /**
     * {@link #compared(boolean, boolean, int)}, and with {@code probabilities} (a UNet's output, not masks read from
     * files) each variant that keeps the largest component three times: every component near the most confident,
     * the most confident, and (last, as before) the largest by size.
     */
    public static List<Variant> compared(boolean tta, boolean lcc, int minArea, boolean probabilities) {
        return compared(tta, lcc, minArea, probabilities, null);
    }

    /**
     * As {@link #compared(boolean, boolean, int, boolean)}, the requested combination (last) keeping its component
     * by {@code lccBy} ({@link PostProcessingSettings#lccBy()}; null = size) and the other rules just before it.
     */
    public static List<Variant> compared(boolean tta, boolean lcc, int minArea, boolean probabilities, String lccBy) {
        String asked = probabilities ? lccBy : null; // confidence needs probabilities: masks read from files use size
        List<String> rules = new ArrayList<>();
        if (probabilities) {
            for (String r : new String[] {
                PostProcessingSettings.LCC_BY_RELATIVE,
                PostProcessingSettings.LCC_BY_CONFIDENCE,
                PostProcessingSettings.LCC_BY_SIZE
            }) {
                if (!r.equals(asked == null ? PostProcessingSettings.LCC_BY_SIZE : asked)) rules.add(r);
            }
        }
        List<Variant> out = new ArrayList<>();
        for (boolean t : tta ? new boolean[] {false, true} : new boolean[] {false}) {
            for (boolean l : lcc ? new boolean[] {false, true} : new boolean[] {false}) {
                for (int m : minArea > 0 ? new int[] {0, minArea} : new int[] {0}) {
                    if (l) {
                        for (String r : rules) out.add(new Variant(t, true, m, r));
                        out.add(new Variant(t, true, m, asked));
                    } else {
                        out.add(new Variant(t, false, m));
                    }
                }
            }
        }
        // order: raw first, requested (all on, its rule) last; the sort is stable
        out.sort((a, b) -> Integer.compare(a.steps(), b.steps()));
        return out;
    }

    private int steps() {
        return (tta ? 1 : 0) + (lcc ? 1 : 0) + (minArea > 0 ? 1 : 0);
    }

    /**
     * Applies this variant's post-processing (not the augmentation) to a patient's thresholded masks, exactly as
     * inference does ({@link PostProcessing#clean}).
     *
     * @param probabilities what the masks were thresholded from at {@code threshold}; null for masks read from files
     */
    public byte[][] postProcess(byte[][] masks, List<float[]> probabilities, double threshold, int width, int height) {
        return PostProcessing.clean(masks, probabilities, threshold, width, height, settings());
    }
}
