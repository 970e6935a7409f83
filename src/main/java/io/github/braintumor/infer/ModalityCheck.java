package io.github.braintumor.infer;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.model.AugmentationSettings;
import io.github.braintumor.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The modality pattern of each slice of a stack and of the stack as a volume ({@link ModalityPattern}), and the
 * warning a command prints when the model was not trained for that pattern.
 *
 * <pre>{@code
 * ModalityCheck m = ModalityCheck.of(slices);
 * m.volume();                                  // e.g. FLAIR_ONLY
 * m.warning(bundle.info()).ifPresent(log::warn);
 * }</pre>
 *
 * @param slices the pattern of each slice (slices without FLAIR signal report {@code complete})
 * @param volume the stack's pattern (majority of the slices with signal)
 */
public record ModalityCheck(List<ModalityPattern> slices, ModalityPattern volume) {
    public ModalityCheck {
        slices = List.copyOf(slices);
    }

    public static ModalityCheck of(List<SliceImage> images) {
        List<ModalityPattern> patterns = new ArrayList<>(images.size());
        List<Boolean> signal = new ArrayList<>(images.size());
        for (SliceImage s : images) {
            patterns.add(ModalityPattern.of(s));
            signal.add(ModalityPattern.hasSignal(s));
        }
        return new ModalityCheck(patterns, ModalityPattern.ofPatient(patterns, signal));
    }

    /**
     * @return a one-line warning when {@code model} was trained without ever seeing the stack's pattern, e.g. a
     *         FLAIR-only volume given to a model trained on complete volumes only
     */
    public Optional<String> warning(ModelInfo model) {
        AugmentationSettings seen = model.training() == null
                ? AugmentationSettings.GEOMETRIC_ONLY
                : model.training().augmentationOrDefault();
        if (seen.trainedFor(volume.id())) {
            return Optional.empty();
        }
        return Optional.of("warning: the input looks " + volume.id() + " (" + describe(volume) + ") but this "
                + model.kind() + " model was trained on complete volumes only; expect weaker results");
    }

    private static String describe(ModalityPattern p) {
        return switch (p) {
            case FLAIR_ONLY -> "every channel equals FLAIR";
            case NO_POST -> "post-contrast equals FLAIR";
            case NO_PRE -> "pre-contrast equals FLAIR";
            case SINGLE_CHANNEL -> "one channel copied into all three";
            case COMPLETE -> "three sequences";
        };
    }
}
