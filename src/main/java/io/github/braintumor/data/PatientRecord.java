package io.github.braintumor.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One patient folder: its slices in numeric order and its clinical row from {@code data.csv}.
 *
 * <pre>{@code
 * PatientRecord p = LggDataset.index(Path.of("kaggle_3m")).patient("TCGA_CS_4942_19970222");
 * System.out.println(p.hospital() + " " + p.slices().size() + " slices, age " + p.clinical().get("age_at_initial_pathologic"));
 * }</pre>
 *
 * @param id       patient folder name, e.g. {@code TCGA_CS_4942_19970222}
 * @param hospital two-letter site code, or {@link LggDataset#UNKNOWN_HOSPITAL}
 * @param slices   slices sorted by slice number (bottom to top), unmodifiable
 * @param clinical the patient's {@code data.csv} row (column name to value, the key column included), or empty
 *                 when there is no data.csv or no row for this patient; unmodifiable
 */
public record PatientRecord(String id, String hospital, List<SliceRecord> slices, Map<String, String> clinical) {
    public PatientRecord {
        slices = List.copyOf(slices);
        clinical = Collections.unmodifiableMap(new LinkedHashMap<>(clinical)); // keeps data.csv column order
    }

    /** @return the number of slices whose mask has tumour */
    public int tumourSliceCount() {
        return (int) slices.stream().filter(SliceRecord::tumour).count();
    }
}
