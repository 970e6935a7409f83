package io.github.braintumor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.data.RealData;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.nn.UNet;
import io.github.braintumor.progress.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One short UNet epoch on the real LGG slices (skipped when ../shared/lgg is absent). */
class RealDataTrainingTest {
    @TempDir
    Path dir;

    @Test
    void oneShortEpochOnRealSlicesWritesALoadableBundle() throws Exception {
        LggDataset data = RealData.indexOrSkip();
        PatientSplit split = PatientSplit.create(data, 0.7, 0.15, 0.15, 1);
        TrainingConfig cfg = TrainingConfig.builder()
                .optEpochs(1)
                .optBatchSize(4)
                .optCropSize(64)
                .optSamplesPerEpoch(16)
                .optValidationPatients(1)
                .optSeed(1)
                .build();
        TrainingResult r = new SegmenterTrainer(UNet.builder().optFeatures(4), cfg)
                .train(data, split, dir.resolve("unet"), ProgressListener.silent(), () -> false);
        assertEquals(1, r.bestEpoch());
        assertTrue(r.bestMetric() >= 0 && r.bestMetric() <= 1);
        try (ModelBundle b = ModelBundle.load(r.bundle(), ModelKind.UNET)) {
            assertEquals(256, b.info().inputSize());
            assertEquals(1, b.info().training().validationPatients().size());
        }
    }
}
