package io.github.braintumor.train;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientSplit;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.data.SplitPart;
import io.github.braintumor.model.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training slices and validation patients of a split, as both trainers need them. */
record TrainingSets(
        List<SliceRecord> train, Map<String, List<SliceRecord>> validation, ModelInfo.TrainingData description) {

    /** @return every slice of every training and validation patient, by patient: the volumes to normalise */
    Map<String, List<SliceRecord>> volumes() {
        Map<String, List<SliceRecord>> v = new LinkedHashMap<>();
        for (SliceRecord r : train) {
            v.computeIfAbsent(r.patientId(), k -> new ArrayList<>()).add(r);
        }
        v.putAll(validation);
        return v;
    }

    static TrainingSets of(LggDataset data, PatientSplit split, TrainingConfig cfg) {
        List<SliceRecord> train = split.slices(data, SplitPart.TRAIN);
        List<String> valIds = split.patients(SplitPart.VALIDATION);
        if (cfg.validationPatients() > 0 && valIds.size() > cfg.validationPatients()) {
            valIds = valIds.subList(0, cfg.validationPatients());
        }
        Map<String, List<SliceRecord>> validation = new LinkedHashMap<>();
        for (String id : valIds) {
            validation.put(id, data.patient(id).slices());
        }
        ModelInfo.TrainingData description = new ModelInfo.TrainingData(
                split.patients(SplitPart.TRAIN),
                List.copyOf(valIds),
                cfg.splitSeed(),
                data.root() == null || data.root().getFileName() == null
                        ? null
                        : data.root().getFileName().toString(),
                cfg.augmentation());
        return new TrainingSets(train, validation, description);
    }
}
