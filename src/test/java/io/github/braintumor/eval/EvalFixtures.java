package io.github.braintumor.eval;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceMask;
import io.github.braintumor.data.SliceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two 16x16 phantom patients (CS, DU) of three slices whose truth masks are replaced by known ones, and predicted
 * masks with known overlaps (see {@link #writeCase}).
 */
final class EvalFixtures {
    static final int SIZE = 16;
    static final int PLANE = SIZE * SIZE;

    private EvalFixtures() {}

    static SliceMask mask(int... foreground) {
        byte[] p = new byte[PLANE];
        for (int i : foreground) p[i] = 1;
        return new SliceMask(SIZE, SIZE, p);
    }

    /** Phantom data set with the given number of slices per patient, truth masks empty until overwritten. */
    static Path phantoms(Path dir, int patients, int slices) throws IOException {
        PhantomGenerator.builder()
                .optSeed(7)
                .optPatients(patients)
                .optSlicesPerPatient(slices)
                .optSize(SIZE)
                .optHospitals("CS", "DU")
                .build()
                .write(dir);
        return dir;
    }

    /**
     * Patient A (CS): empty/empty; truth {0..3} vs prediction {0,1,24,25}; truth {0..3} = prediction.
     * Patient B (DU): truth empty vs prediction {40,41,42}; truth {0,1} vs empty; empty/empty.
     *
     * @return the data set re-indexed after the truth masks were written
     */
    static LggDataset writeCase(Path data, Path predictions) throws IOException {
        phantoms(data, 2, 3);
        LggDataset d = LggDataset.index(data);
        SliceMask[][] truth = {
            {mask(), mask(0, 1, 2, 3), mask(0, 1, 2, 3)},
            {mask(), mask(0, 1), mask()}
        };
        SliceMask[][] pred = {
            {mask(), mask(0, 1, 24, 25), mask(0, 1, 2, 3)},
            {mask(40, 41, 42), mask(), mask()}
        };
        for (int p = 0; p < 2; p++) {
            PatientRecord patient = d.patients().get(p);
            for (int s = 0; s < 3; s++) {
                SliceRecord r = patient.slices().get(s);
                LggTiff.writeMask(r.mask(), truth[p][s]);
                Path file = PredictionLayout.path(predictions, r);
                Files.createDirectories(file.getParent());
                LggTiff.writeMask(file, pred[p][s]);
            }
        }
        return LggDataset.index(data);
    }
}
