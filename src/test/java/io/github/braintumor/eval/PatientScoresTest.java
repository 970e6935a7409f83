package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.report.CsvTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patients scored one by one (and sent as bytes, as a Spark worker does) add up to the result of run(). */
class PatientScoresTest {
    @TempDir
    Path tmp;

    @Test
    void scoresSentAsBytesAndCombinedGiveTheTablesOfRun() throws Exception {
        Path predictions = tmp.resolve("pred");
        LggDataset d = EvalFixtures.writeCase(tmp.resolve("data"), predictions);
        EvaluationResult whole = Evaluation.ofPredictions(d, predictions)
                .optMinimumArea(2)
                .setOutput(tmp.resolve("whole"))
                .build()
                .run();

        List<PatientScores> scores = new ArrayList<>();
        try (PatientScorer s =
                Evaluation.ofPredictions(d, predictions).optMinimumArea(2).buildScorer()) {
            for (PatientRecord p : d.patients()) scores.add(roundTrip(s.score(p)));
        }
        List<PatientRecord> records = scores.stream().map(PatientScores::record).toList();
        EvaluationResult parts = Evaluation.ofPredictions(d, predictions)
                .optMinimumArea(2)
                .setOutput(tmp.resolve("parts"))
                .build()
                .combine(records, scores, 0);
        for (String t : List.of("perSlice", "perPatient", "perHospital", "perPosition", "postprocessing")) {
            assertEquals(table(whole, t), table(parts, t), t);
        }
        assertEquals(whole.best().size(), parts.best().size());
        assertEquals(
                whole.worst().stream().map(e -> e.slice().image()).toList(),
                parts.worst().stream().map(e -> e.slice().image()).toList());
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.ofPredictions(d, predictions)
                        .setOutput(tmp.resolve("x"))
                        .build()
                        .combine(records, scores.subList(0, 1), 0));
        assertThrows(
                IllegalStateException.class,
                () -> Evaluation.forCohort(tmp)
                        .optUnet(tmp)
                        .setOutput(tmp.resolve("y"))
                        .build()
                        .run());
    }

    private static CsvTable table(EvaluationResult r, String name) throws Exception {
        return (CsvTable) EvaluationResult.class.getMethod(name).invoke(r);
    }

    private static PatientScores roundTrip(PatientScores s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PatientScores) in.readObject();
        }
    }
}
