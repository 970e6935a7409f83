package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.DatasetOverview;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.RealData;
import io.github.braintumor.data.SliceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the real LGG data (skipped without ../shared/lgg): the truth as prediction scores 1 on two patients. */
class EvaluationRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void truthAsPredictionScoresOneAndOverviewPicturesAreWritten() throws Exception {
        LggDataset d = RealData.indexOrSkip();
        List<PatientRecord> two = d.patients().subList(0, 2);
        Path pred = tmp.resolve("pred");
        for (PatientRecord p : two) {
            for (SliceRecord s : p.slices()) {
                Path f = PredictionLayout.path(pred, s);
                Files.createDirectories(f.getParent());
                LggTiff.writeMask(f, LggTiff.readMask(s.mask()));
            }
        }
        EvaluationResult r = Evaluation.ofPredictions(d, pred)
                .optPatients(two.stream().map(PatientRecord::id).toList())
                .setOutput(tmp.resolve("out"))
                .build()
                .run();
        assertEquals(1.0, r.summary().iouMicro(), 1e-12);
        assertEquals(
                3,
                OverviewPictures.write(DatasetOverview.of(d), d, tmp.resolve("overview"))
                        .size());
        assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(EvaluationReport.REPORT)));
    }
}
