package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.data.PhantomGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small synthetic data sets for training tests: 64x64 phantoms, 4 training and 2 validation patients. */
public final class Phantoms {
    private Phantoms() {}

    /** Data + split written under {@code dir}. */
    public record Set(LggDataset data, PatientSplit split) {}

    public static Set create(Path dir) throws IOException {
        PhantomGenerator g = PhantomGenerator.builder()
                .optSeed(7)
                .optPatients(6)
                .optSlicesPerPatient(6)
                .optSize(64)
                .build();
        g.write(dir);
        LggDataset data = LggDataset.index(dir);
        List<String> ids = g.patientIds();
        StringBuilder csv = new StringBuilder("patient,hospital,part\n");
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            csv.append(id)
                    .append(',')
                    .append(id.substring(5, 7))
                    .append(',')
                    .append(i < 4 ? "train" : "validation")
                    .append('\n');
        }
        Path splitCsv = dir.resolve("split.csv");
        Files.writeString(splitCsv, csv);
        return new Set(data, PatientSplit.read(splitCsv));
    }

    /** A tiny, fast configuration: crop 32, batch 4, 16 samples per epoch, no augmentation. */
    public static TrainingConfig.Builder tinyConfig() {
        return TrainingConfig.builder()
                .optEpochs(2)
                .optBatchSize(4)
                .optCropSize(32)
                .optSamplesPerEpoch(16)
                .optAugment(false)
                .optSeed(3)
                .optLearningRate(3e-3f);
    }
}
