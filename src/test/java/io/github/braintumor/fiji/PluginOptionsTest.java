package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.engine.DeviceChoice;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.fiji.command.BrainTumorOptionsCommand;
import io.github.braintumor.fiji.command.ClassifyTumorSliceCommand;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;

/** Brain Tumor Options: saved at once, read by later commands, applied to the running engine; a command's device key. */
class PluginOptionsTest {
    @TempDir
    static Path tmp;

    static String previousFile;
    static Context context;
    static CommandService commands;

    @BeforeAll
    static void start() {
        previousFile = System.getProperty(PluginOptions.FILE_PROPERTY);
        System.setProperty(
                PluginOptions.FILE_PROPERTY, tmp.resolve("options.properties").toString());
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
        if (previousFile == null) System.clearProperty(PluginOptions.FILE_PROPERTY);
        else System.setProperty(PluginOptions.FILE_PROPERTY, previousFile);
    }

    @AfterEach
    void backToAutomatic() throws Exception {
        Files.deleteIfExists(PluginOptions.file());
        PluginOptions.defaults().applyToEngine(null);
        System.clearProperty(DeviceChoice.PROPERTY); // the process default stays auto for other tests
    }

    static <T> T run(Class<T> command, Object... inputs) throws Exception {
        return command.cast(commands.run(command.asSubclass(org.scijava.command.Command.class), true, inputs)
                .get()
                .getDelegateObject());
    }

    /** The innermost message of what a headless command run threw. */
    static String failure(org.junit.jupiter.api.function.Executable run) {
        Throwable t = assertThrows(Exception.class, run);
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    @Test
    void savedOptionsAreReadBackAndDamageFallsBackToTheDefaults() throws Exception {
        assertEquals(PluginOptions.defaults(), PluginOptions.load()); // nothing saved yet
        new PluginOptions(1, DeviceChoice.CPU, 2).save();
        assertEquals(new PluginOptions(1, DeviceChoice.CPU, 2), PluginOptions.load());
        assertEquals(2, PluginOptions.load().batchSize(0));
        assertEquals(5, PluginOptions.load().batchSize(5)); // a command's own batch size wins
        Files.writeString(PluginOptions.file(), "threads=lots\ndevice=cpu\n");
        assertEquals(PluginOptions.defaults(), PluginOptions.load());
        // more threads than processors (it hung every later command) falls back to the defaults too
        Files.writeString(PluginOptions.file(), "threads=100000\ndevice=cpu\n");
        assertEquals(PluginOptions.defaults(), PluginOptions.load());
        assertThrows(IllegalArgumentException.class, () -> new PluginOptions(100_000, DeviceChoice.AUTO, 4));
        assertThrows(IllegalArgumentException.class, () -> new PluginOptions(1, DeviceChoice.AUTO, 100_000));
        assertThrows(IllegalArgumentException.class, () -> new PluginOptions(-1, DeviceChoice.AUTO, 4));
        assertThrows(IllegalArgumentException.class, () -> new PluginOptions(0, DeviceChoice.AUTO, 0));
        assertTrue(PluginOptions.defaults().engineThreads() >= 1);
    }

    @Test
    void optionsCommandSavesAppliesAndOpensWithWhatWasSaved() throws Exception {
        BrainTumorOptionsCommand c = run(BrainTumorOptionsCommand.class, "threads", 1, "device", "cpu", "batchsize", 2);
        assertEquals(new PluginOptions(1, DeviceChoice.CPU, 2), c.saved());
        assertEquals(new PluginOptions(1, DeviceChoice.CPU, 2), PluginOptions.load());
        // OpenMP counts threads per thread: what the command's own thread (where its inference runs) reports
        assertTrue(c.engine().contains("cpu(), 1 thread(s)"), c.engine());
        // a second run that sets only the batch size keeps the saved threads and device
        BrainTumorOptionsCommand again = run(BrainTumorOptionsCommand.class, "batchsize", 3);
        assertEquals(new PluginOptions(1, DeviceChoice.CPU, 3), again.saved());
    }

    @Test
    void automaticThreadsStayOffBusyCoresWhileStacksUseEveryCoreImageJAllows() {
        PluginOptions set = new PluginOptions(1, io.github.braintumor.engine.DeviceChoice.CPU, 4);
        assertEquals(1, set.engineThreads());
        assertEquals(1, set.engineWorkers());
        PluginOptions automatic = PluginOptions.defaults();
        int cap = Math.min(Runtime.getRuntime().availableProcessors(), ij.Prefs.getThreads());
        assertEquals(Math.max(1, cap), automatic.engineWorkers());
        assertTrue(automatic.engineThreads() <= automatic.engineWorkers(), automatic.describe());
        assertTrue(
                automatic.describe().contains("stacks on " + automatic.engineWorkers() + " workers"),
                automatic.describe());
    }

    @Test
    void precisionIsSavedAndBecomesTheInferenceDefault() throws Exception {
        String prop = io.github.braintumor.engine.Precision.PROPERTY;
        try {
            BrainTumorOptionsCommand c = run(
                    BrainTumorOptionsCommand.class,
                    "threads",
                    1,
                    "device",
                    "cpu",
                    "batchsize",
                    2,
                    "precision",
                    "float32");
            PluginOptions saved =
                    new PluginOptions(1, DeviceChoice.CPU, 2, io.github.braintumor.engine.Precision.FLOAT32);
            assertEquals(saved, c.saved());
            assertEquals(saved, PluginOptions.load());
            assertTrue(c.engine().endsWith(", float32"), c.engine());
            assertEquals(
                    io.github.braintumor.engine.Precision.FLOAT32,
                    io.github.braintumor.infer.InferenceOptions.defaults().precision());
            run(BrainTumorOptionsCommand.class, "precision", "bfloat16");
            assertEquals(
                    io.github.braintumor.engine.Precision.BFLOAT16,
                    PluginOptions.load().precision());
            assertEquals(1, PluginOptions.load().threads()); // the rest kept
            Files.writeString(PluginOptions.file(), "threads=1\nprecision=half\n");
            assertEquals(PluginOptions.defaults(), PluginOptions.load());
        } finally {
            System.clearProperty(prop);
        }
    }

    @Test
    void aGpuThatCannotBeUsedIsRefusedAndNothingIsSaved() throws Exception {
        if (DjlEngine.start().getGpuCount() > 0) return; // only meaningful where PyTorch sees no GPU
        new PluginOptions(1, DeviceChoice.CPU, 2).save();
        String e = failure(() -> run(BrainTumorOptionsCommand.class, "threads", 2, "device", "gpu", "batchsize", 2));
        assertTrue(e.contains("PyTorch cannot use a GPU here"), e);
        assertEquals(new PluginOptions(1, DeviceChoice.CPU, 2), PluginOptions.load());
        ij.ImagePlus image = new ij.ImagePlus("slice", new ij.process.ColorProcessor(16, 16));
        String seg = failure(() -> run(SegmentTumorCommand.class, "image", image, "device", "gpu"));
        assertTrue(seg.contains("device gpu"), seg);
    }

    @Test
    void inferenceCommandsOfferTheSameDeviceChoicesAsTheOptions() throws Exception {
        for (Class<?> c : new Class<?>[] {SegmentTumorCommand.class, ClassifyTumorSliceCommand.class}) {
            Field f = c.getDeclaredField("device");
            assertEquals(
                    Arrays.asList(io.github.braintumor.app.options.CommonOptions.commandDevices()),
                    Arrays.asList(f.getAnnotation(Parameter.class).choices()),
                    c.getSimpleName());
            Field b = c.getDeclaredField("batchsize");
            assertEquals("0", b.getAnnotation(Parameter.class).min(), c.getSimpleName() + ": 0 = as in the options");
        }
        Field d = BrainTumorOptionsCommand.class.getDeclaredField("device");
        assertEquals(
                Arrays.asList(DeviceChoice.ids()),
                Arrays.asList(d.getAnnotation(Parameter.class).choices()));
    }
}
