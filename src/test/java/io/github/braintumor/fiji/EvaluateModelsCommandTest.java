package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.data.PredictionLayout;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.fiji.command.EvaluateModelsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class EvaluateModelsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void headlessRunEvaluatesPredictedMasks() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        PhantomGenerator.builder()
                .optSeed(3)
                .optPatients(2)
                .optSlicesPerPatient(3)
                .optSize(16)
                .build()
                .write(data);
        LggDataset d = LggDataset.index(data);
        for (SliceRecord s : d.slices()) { // perfect predictions: the truth itself
            Path file = PredictionLayout.path(pred, s);
            Files.createDirectories(file.getParent());
            LggTiff.writeMask(file, LggTiff.readMask(s.mask(), LggTiff.ANY_SIZE));
        }
        try (Context context = new Context(CommandService.class)) {
            CommandModule m = context.getService(CommandService.class)
                    .run(
                            EvaluateModelsCommand.class,
                            true,
                            Map.of(
                                    "data",
                                    data.toFile(),
                                    "output",
                                    out.toFile(),
                                    "predictions",
                                    pred.toFile(),
                                    "lcc",
                                    true,
                                    "minarea",
                                    0,
                                    "threshold",
                                    -1.0,
                                    "patients",
                                    "",
                                    "tta",
                                    false,
                                    "writethreshold",
                                    false))
                    .get();
            assertFalse(m.isCanceled(), String.valueOf(m.getCancelReason()));
            EvaluateModelsCommand command = (EvaluateModelsCommand) m.getCommand();
            assertEquals(1.0, command.result().summary().dicePerPatientMean(), 1e-12);
        }
        assertTrue(Files.isRegularFile(out.resolve(EvaluationReport.REPORT)));
    }
}
