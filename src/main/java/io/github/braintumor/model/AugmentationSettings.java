package io.github.braintumor.model;

import java.util.List;

/**
 * How a model's training data was augmented, as {@code model.json} records it under {@code training.augmentation}:
 * what the model has seen, so that a command can warn when it meets something else (e.g. a FLAIR-only volume given
 * to a model never trained on one).
 *
 * @param geometric         flips, small rotations and zoom
 * @param missingModality   probability that a training slice had a missing-modality pattern simulated
 * @param patterns          the simulated patterns (ids of {@code data.ModalityPattern})
 * @param intensity         scanner-like intensity changes of the raw volume (global brightness; per channel
 *                          gain and gamma) before normalisation
 * @param sliceStatistics   probability that a training slice was normalised with its own statistics instead of its
 *                          volume's (what a single slice given on its own gets)
 */
public record AugmentationSettings(
        boolean geometric, double missingModality, List<String> patterns, boolean intensity, double sliceStatistics) {
    /** Nothing but the geometric augmentation (what bundles written before this entry existed had). */
    public static final AugmentationSettings GEOMETRIC_ONLY = new AugmentationSettings(true, 0, List.of(), false, 0);

    public AugmentationSettings {
        if (!(missingModality >= 0 && missingModality <= 1) || !(sliceStatistics >= 0 && sliceStatistics <= 1)) {
            throw new IllegalArgumentException(
                    "augmentation probabilities must be in 0..1, got " + missingModality + " and " + sliceStatistics);
        }
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }

    /** @return true when the model saw slices with this modality pattern id (complete is always seen) */
    public boolean trainedFor(String patternId) {
        return "complete".equals(patternId)
                || missingModality > 0 && patterns.contains(patternId)
                || "single-channel".equals(patternId) && missingModality > 0 && patterns.contains("flair-only");
    }
}
