package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.fiji.command.EvaluateModelsCommand;
import io.github.braintumor.fiji.command.TrainSegmenterCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** The Fiji commands refuse the same outputs as the CLI (one rule, io.OutputPaths), before any work. */
class ReliabilityFijiTest {
    @TempDir
    Path tmp;
    Context context;

    @BeforeEach
    void start() {
        context = new Context(CommandService.class);
    }

    @AfterEach
    void stop() {
        // SciJava remembers the inputs of a run (even a refused one): forget them so later tests start clean.
        org.scijava.prefs.PrefService prefs = context.getService(org.scijava.prefs.PrefService.class);
        if (prefs != null) {
            prefs.clear(EvaluateModelsCommand.class);
            prefs.clear(TrainSegmenterCommand.class);
            prefs.clear(io.github.braintumor.fiji.command.TrainingCommand.class);
        }
        context.dispose();
    }

    @Test
    void trainSegmenterRefusesAFolderOfUserFiles() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("Documents"));
        Files.writeString(out.resolve("thesis.docx"), "years of work");
        Map<String, Long> before = snapshot(tmp);
        Throwable e = assertThrows(Exception.class, () -> context.service(CommandService.class).run(
                TrainSegmenterCommand.class, true, "data", TinyModels.data().toFile(), "output", out.toFile(),
                "epochs", 1, "batchsize", 2, "learningrate", 1e-3, "seed", 1L, "samples", 8, "features", 4,
                "crop", 64).get());
        assertTrue(chain(e).contains("did not write (thesis.docx)"), chain(e));
        assertEquals(before, snapshot(tmp));
    }

    @Test
    void evaluateRefusesWritingIntoTheDataFolder() throws Exception {
        Path data = TinyModels.data();
        Map<String, Long> before = snapshot(data);
        Throwable e = assertThrows(Exception.class, () -> context.service(CommandService.class).run(
                EvaluateModelsCommand.class, true, Map.of("data", data.toFile(), "output",
                        data.resolve("eval").toFile(), "unet", TinyModels.unet().toFile(), "lcc", false,
                        "minarea", 0, "threshold", -1.0, "patients", "", "tta", false, "writethreshold", false))
                .get());
        assertTrue(chain(e).contains("is inside the input"), chain(e));
        assertEquals(before, snapshot(data));
    }

    private static String chain(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) s.append(t.getMessage()).append(" | ");
        return s.toString();
    }

    private static Map<String, Long> snapshot(Path root) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) m.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
        }
        return m;
    }
}
