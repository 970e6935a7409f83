package io.github.braintumor.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.model.AugmentationSettings;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModalityCheckTest {
    private static SliceImage slice(long seed) {
        byte[] px = new byte[48];
        new Random(seed).nextBytes(px);
        return new SliceImage(4, 4, 3, px);
    }

    private static ModelInfo model(AugmentationSettings a) {
        return ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, 4, 2))
                .optTraining(new ModelInfo.TrainingData(List.of("a"), List.of("b"), 1, "d", a))
                .build();
    }

    @Test
    void warnsOnlyWhenTheModelNeverSawThePattern() {
        List<SliceImage> flairOnly = List.of(
                ModalityPattern.FLAIR_ONLY.simulate(slice(1)), ModalityPattern.FLAIR_ONLY.simulate(slice(2)), slice(3));
        ModalityCheck m = ModalityCheck.of(flairOnly);
        assertEquals(ModalityPattern.FLAIR_ONLY, m.volume());
        assertEquals(
                List.of(ModalityPattern.FLAIR_ONLY, ModalityPattern.FLAIR_ONLY, ModalityPattern.COMPLETE), m.slices());
        assertTrue(m.warning(model(AugmentationSettings.GEOMETRIC_ONLY))
                .orElseThrow()
                .contains("flair-only"));
        AugmentationSettings robust =
                new AugmentationSettings(true, 0.3, List.of("flair-only", "no-post", "no-pre"), true, 0.1);
        assertTrue(m.warning(model(robust)).isEmpty());
        assertTrue(
                ModalityCheck.of(List.of(slice(4)))
                        .warning(model(AugmentationSettings.GEOMETRIC_ONLY))
                        .isEmpty(),
                "complete input never warns");
    }
}
