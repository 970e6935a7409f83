package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.app.StackSegmentation.PostProcessingChoice;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.data.SliceImage;
import io.github.braintumor.data.SliceRecord;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import io.github.braintumor.infer.PostProcessing;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;
import org.scijava.task.TaskService;

/** StackSegmentation applies the bundle's recorded post-processing unless switched off ("postprocessing"). */
class PostProcessingChoiceTest {
    @TempDir
    static Path tmp;

    static PatientRecord patient;
    static List<SliceImage> slices;
    static Path lccBundle;
    static Context context;

    @BeforeAll
    static void bundle() throws Exception {
        patient = LggDataset.index(TinyModels.data()).patients().get(0);
        slices = new ArrayList<>();
        for (SliceRecord s : patient.slices()) slices.add(LggTiff.readImage(s.image()));
        lccBundle = TinyModels.unetRecordingLcc(tmp.resolve("unet-lcc"), slices);
        context = new Context(CommandService.class, StatusService.class, TaskService.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) context.dispose();
    }

    private static StackSegmentation.Output segment(PostProcessingChoice choice) throws Exception {
        return StackSegmentation.run(
                slices,
                new StackSegmentation.Settings(lccBundle.toString(), Double.NaN, 8, 1, choice),
                ProgressListener.silent(),
                () -> false);
    }

    @Test
    void theBundlesLargestComponentIsAppliedByDefaultAndCanBeSwitchedOff() throws Exception {
        StackSegmentation.Output plain = segment(PostProcessingChoice.NONE);
        StackSegmentation.Output byModel = segment(PostProcessingChoice.MODEL);
        assertEquals(
                PostProcessingChoice.MODEL,
                StackSegmentation.Settings.defaults().postprocessing());
        List<byte[]> expected = new ArrayList<>();
        for (var m : PostProcessing.clean(
                plain.result().masks(),
                plain.result().probabilities(),
                plain.result().threshold(),
                new PostProcessingSettings(false, true, 0))) {
            expected.add(m.pixels());
        }
        long plainPixels = 0, modelPixels = 0;
        for (int z = 0; z < slices.size(); z++) {
            assertArrayEquals(expected.get(z), byModel.result().masks().get(z).pixels(), "slice " + z);
            plainPixels += plain.rows().get(z).tumourPixels();
            modelPixels += byModel.rows().get(z).tumourPixels();
        }
        assertTrue(modelPixels > 0 && modelPixels < plainPixels, modelPixels + " vs " + plainPixels);
        assertEquals("post-processing: lcc (recorded in the model)", byModel.postprocessingNote());
        assertEquals("post-processing: none (switched off)", plain.postprocessingNote());
        assertEquals(plain.result().threshold(), byModel.result().threshold());
    }

    @Test
    void commandTakesALowercaseOneWordMacroKeyAndRecordsWhatWasApplied() throws Exception {
        Field f = SegmentTumorCommand.class.getDeclaredField("postprocessing");
        assertTrue(f.isAnnotationPresent(Parameter.class));
        assertArrayEquals(
                PostProcessingChoice.ids(), f.getAnnotation(Parameter.class).choices());
        assertTrue(f.getName().matches("[a-z]+"), f.getName());
        CommandService commands = context.service(CommandService.class);
        ImagePlus imp = CommandsTest.patientStack(patient);
        SegmentTumorCommand none = (SegmentTumorCommand) commands.run(
                        SegmentTumorCommand.class,
                        true,
                        "image",
                        imp,
                        "model",
                        lccBundle.toString(),
                        "threshold",
                        -1.0,
                        "postprocessing",
                        "none")
                .get()
                .getDelegateObject();
        SegmentTumorCommand model = (SegmentTumorCommand) commands.run(
                        SegmentTumorCommand.class, true, "image", imp, "model", lccBundle.toString(), "threshold", -1.0)
                .get()
                .getDelegateObject(); // -1: the recorded one
        ResultsTable a = none.table(), b = model.table();
        assertEquals("raw", a.getStringValue("postprocessing", 0));
        assertEquals("lcc", b.getStringValue("postprocessing", 0));
        double sumA = 0, sumB = 0;
        for (int i = 0; i < a.size(); i++) {
            sumA += a.getValue("tumour pixels", i);
            sumB += b.getValue("tumour pixels", i);
        }
        assertTrue(sumB < sumA, sumB + " vs " + sumA);
    }

    @Test
    void unknownChoiceFailsWithTheAllowedValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PostProcessingChoice.fromId("lcc"));
        assertEquals("postprocessing must be one of model, none, got 'lcc'", e.getMessage());
        assertEquals(PostProcessingChoice.NONE, PostProcessingChoice.fromId("None"));
        assertThrows(
                ExecutionException.class,
                () -> context.service(CommandService.class)
                        .run(
                                SegmentTumorCommand.class,
                                true,
                                "image",
                                CommandsTest.patientStack(patient),
                                "model",
                                lccBundle.toString(),
                                "postprocessing",
                                "bogus")
                        .get());
    }
}
