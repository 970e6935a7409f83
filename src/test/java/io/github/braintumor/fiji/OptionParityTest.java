package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.app.options.TrainingCommandOptions;
import io.github.braintumor.args.CommandLine;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.cli.Main;
import io.github.braintumor.cli.Subcommand;
import io.github.braintumor.fiji.command.AboutTumorModelsCommand;
import io.github.braintumor.fiji.command.BioImageIoCommands;
import io.github.braintumor.fiji.command.BrainTumorCommand;
import io.github.braintumor.fiji.command.BrainTumorOptionsCommand;
import io.github.braintumor.fiji.command.ClassifyTumorSliceCommand;
import io.github.braintumor.fiji.command.ComputeIouCommand;
import io.github.braintumor.fiji.command.DatasetOverviewCommand;
import io.github.braintumor.fiji.command.EvaluateModelsCommand;
import io.github.braintumor.fiji.command.ImportTorchScriptCommand;
import io.github.braintumor.fiji.command.RandomSearchClassifierCommand;
import io.github.braintumor.fiji.command.SegmentTumorCommand;
import io.github.braintumor.fiji.command.TrainClassifierCommand;
import io.github.braintumor.fiji.command.TrainSegmenterCommand;
import io.github.braintumor.fiji.ij1.AboutTumorModelsPlugin;
import io.github.braintumor.fiji.ij1.BioImageIoPlugins;
import io.github.braintumor.fiji.ij1.BrainTumorOptionsPlugin;
import io.github.braintumor.fiji.ij1.ClassifyTumorSlicePlugin;
import io.github.braintumor.fiji.ij1.ComputeIouPlugin;
import io.github.braintumor.fiji.ij1.DatasetOverviewPlugin;
import io.github.braintumor.fiji.ij1.EvaluateModelsPlugin;
import io.github.braintumor.fiji.ij1.ImportTorchScriptPlugin;
import io.github.braintumor.fiji.ij1.RandomSearchClassifierPlugin;
import io.github.braintumor.fiji.ij1.SegmentTumorPlugin;
import io.github.braintumor.fiji.ij1.TrainClassifierPlugin;
import io.github.braintumor.fiji.ij1.TrainSegmenterPlugin;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.imglib2.RandomAccessibleInterval;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Every command says its options once ({@code app.options}): the SciJava command's inputs, labels, ranges, choices
 * and defaults, its ImageJ 1 twin's dialog (macro keys) and the command line's flags all match the table.
 */
class OptionParityTest {
    /** A SciJava command, its ImageJ 1 twin and its command-line subcommand (null: Fiji only). */
    record Twins(Class<? extends BrainTumorCommand> sciJava, Class<?> imageJ1, String cli) {}

    static final List<Twins> ALL = List.of(
            new Twins(SegmentTumorCommand.class, SegmentTumorPlugin.class, "segment"),
            new Twins(ClassifyTumorSliceCommand.class, ClassifyTumorSlicePlugin.class, "classify"),
            new Twins(ComputeIouCommand.class, ComputeIouPlugin.class, "iou"),
            new Twins(TrainSegmenterCommand.class, TrainSegmenterPlugin.class, "train-unet"),
            new Twins(TrainClassifierCommand.class, TrainClassifierPlugin.class, "train-classifier"),
            new Twins(RandomSearchClassifierCommand.class, RandomSearchClassifierPlugin.class, "search-classifier"),
            new Twins(DatasetOverviewCommand.class, DatasetOverviewPlugin.class, "overview"),
            new Twins(EvaluateModelsCommand.class, EvaluateModelsPlugin.class, "evaluate"),
            new Twins(ImportTorchScriptCommand.class, ImportTorchScriptPlugin.class, "import-torchscript"),
            new Twins(BioImageIoCommands.Import.class, BioImageIoPlugins.Import.class, "import-bioimageio"),
            new Twins(BioImageIoCommands.Export.class, BioImageIoPlugins.Export.class, "export-bioimageio"),
            new Twins(BrainTumorOptionsCommand.class, BrainTumorOptionsPlugin.class, null),
            new Twins(AboutTumorModelsCommand.class, AboutTumorModelsPlugin.class, null));

    static Context context;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        // Brain Tumor Options' dialog starts from the saved options: none saved, so the table's defaults
        System.setProperty(
                PluginOptions.FILE_PROPERTY, tmp.resolve("none.properties").toString());
        context = new Context(CommandService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
        System.clearProperty(PluginOptions.FILE_PROPERTY);
    }

    @Test
    void everySciJavaCommandTakesItsTablesFijiOptionsWithTheSameLabelsRangesChoicesAndDefaults() throws Exception {
        CommandService commands = context.service(CommandService.class);
        List<String> problems = new ArrayList<>();
        for (Twins t : ALL) {
            BrainTumorCommand command = t.sciJava().getDeclaredConstructor().newInstance();
            OptionTable table = command.options();
            CommandInfo info = commands.getCommand(t.sciJava());
            assertNotNull(info, t.sciJava().getName());
            Set<String> inputs = new TreeSet<>();
            for (ModuleItem<?> item : info.inputs()) {
                if (isImageOrService(item.getType())) continue;
                inputs.add(item.getName());
                Option<?> o = table.find(item.getName());
                String where = t.sciJava().getSimpleName() + "." + item.getName();
                if (o == null) {
                    problems.add(where + " is not in the option table");
                    continue;
                }
                same(problems, where + " label", o.label(), item.getLabel());
                same(problems, where + " minimum", o.minimum(), number(item.getMinimumValue()));
                same(problems, where + " maximum", o.maximum(), number(item.getMaximumValue()));
                if (o.kind() == Option.Kind.CHOICE) same(problems, where + " choices", o.choices(), item.getChoices());
                same(problems, where + " default", o.defaultValue(), fieldValue(command, item.getName()));
                if (!typeFits(o.kind(), item.getType())) {
                    problems.add(where + " is a " + item.getType() + ", not " + o.kind());
                }
            }
            Set<String> offered = new TreeSet<>();
            for (Option<?> o : table.offeredIn(Option.Front.FIJI)) offered.add(o.key());
            same(
                    problems,
                    t.sciJava().getSimpleName() + ": SciJava inputs vs the table's Fiji options",
                    offered,
                    inputs);
        }
        assertEquals(List.of(), problems);
    }

    private static void same(List<String> problems, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            problems.add(what + ": table " + expected + ", command " + actual);
        }
    }

    @Test
    void everyImageJ1TwinShowsTheSameTableAndItsMacroKeysAreTheOptionKeys() throws Exception {
        for (Twins t : ALL) {
            OptionTable table =
                    t.sciJava().getDeclaredConstructor().newInstance().options();
            OptionTable dialog = imageJ1Options(t.imageJ1());
            assertSame(table, dialog, t.imageJ1().getSimpleName() + " shows another table than its SciJava twin");
            Set<String> keys = new HashSet<>();
            for (Option<?> o : table.offeredIn(Option.Front.FIJI)) {
                String key = ij.Macro.trimKey(o.dialogLabel());
                assertEquals(o.key(), key, "ImageJ reads the label '" + o.dialogLabel() + "' as another macro key");
                assertTrue(keys.add(key), t.imageJ1().getSimpleName() + ": macro key " + key + " twice");
            }
        }
    }

    @Test
    void theCommandLineOffersTheSameTableUnderTheSameKeys() throws Exception {
        for (Twins t : ALL) {
            if (t.cli() == null) continue;
            OptionTable table =
                    t.sciJava().getDeclaredConstructor().newInstance().options();
            Subcommand sub = Main.SUBCOMMANDS.stream()
                    .filter(s -> s.name().equals(t.cli()))
                    .findFirst()
                    .orElseThrow();
            assertSame(table, sub.options(), t.cli() + " parses another table than its Fiji twins");
        }
        for (Subcommand sub : Main.SUBCOMMANDS) {
            String help = help(sub.name());
            for (Option<?> o : sub.options().offeredIn(Option.Front.CLI)) {
                if (o.offeredIn(Option.Front.FIJI)) {
                    // one spelling: the macro key is the flag (a check box on by default is switched off by --no-key)
                    String flag =
                            o.kind() == Option.Kind.BOOLEAN && (Boolean) o.defaultValue() ? "no-" + o.key() : o.key();
                    assertEquals(flag, o.cliFlag(), sub.name() + " --" + o.cliFlag());
                }
                String shown = o.isPositional() ? o.metavar() : "--" + o.cliFlag();
                assertTrue(help.contains(shown), sub.name() + " --help does not show " + shown + ":\n" + help);
            }
        }
    }

    @Test
    void olderCommandLineSpellingsStillWorkAndValuesAreChecked() {
        OptionTable table = InferenceCommandOptions.SEGMENT;
        OptionValues v = table.fromCommandLine(CommandLine.parse(
                List.of("in.tif", "--batch", "2", "--out", "o", "--no-resample", "--threshold", "-1"),
                table.cliValued(),
                table.cliFlags()));
        assertEquals(2, v.get(CommonOptions.BATCH_SIZE));
        assertEquals(false, v.get(CommonOptions.RESAMPLE));
        assertEquals(Double.NaN, CommonOptions.threshold(v.get(CommonOptions.THRESHOLD)));
        assertEquals("in.tif", v.get(InferenceCommandOptions.INPUT));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> table.fromCommandLine(
                        CommandLine.parse(List.of("--threshold", "-0.5"), table.cliValued(), table.cliFlags())));
        assertEquals("--threshold must be between 0 and 1, or -1 (the model's own), got -0.5", e.getMessage());
        OptionTable training = TrainingCommandOptions.UNET;
        OptionValues t = training.fromCommandLine(CommandLine.parse(
                List.of("--lr", "0.01", "--missing-modality", "0", "--no-augment"),
                training.cliValued(),
                training.cliFlags()));
        assertEquals(0.01, t.get(TrainingCommandOptions.LEARNING_RATE));
        assertEquals(0.0, t.get(TrainingCommandOptions.MISSING_MODALITY));
        assertEquals(false, t.get(TrainingCommandOptions.AUGMENT));
        assertEquals(16, t.get(TrainingCommandOptions.FEATURES));
        IllegalArgumentException range = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> EvaluateOptions.TABLE.fromValues(java.util.Map.<String, Object>of("minarea", -3)::get));
        assertEquals("minarea must be at least 0, got -3", range.getMessage());
    }

    @Test
    void requiredOptionsAreInTheSynopsisAndAWitherNeverChangesTheOptionItCopies() {
        assertTrue(help("segment").startsWith("usage: brain-tumor segment INPUT --out DIR [options]"), help("segment"));
        assertTrue(help("train-unet").startsWith("usage: brain-tumor train-unet DATA --output BUNDLE [options]"));
        assertTrue(help("import-torchscript").contains("--bundle BUNDLE --kind unet|classifier [options]"));
        for (String[] args : new String[][] {{"segment", "in.tif"}, {"segment", "in.tif", "--out", ""}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new Main()
                    .run(
                            args,
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Main.BAD_INPUT, code);
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .startsWith("brain-tumor segment: --out DIR is required: output folder"),
                    err.toString(StandardCharsets.UTF_8));
        }
        Option<Integer> epochs = Option.integer("epochs", 10);
        Option<Integer> relabelled = epochs.label("Epochs").min(1).required();
        assertEquals("epochs", epochs.label());
        assertEquals(null, epochs.minimum());
        assertTrue(!epochs.isRequired() && relabelled.isRequired());
        assertEquals("Epochs", relabelled.label());
    }

    private static boolean isImageOrService(Class<?> type) {
        return Service.class.isAssignableFrom(type)
                || Context.class.isAssignableFrom(type)
                || ij.ImagePlus.class.isAssignableFrom(type)
                || RandomAccessibleInterval.class.isAssignableFrom(type);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Object fieldValue(Object command, String name) throws Exception {
        for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                Object v = f.get(command);
                return v == null ? "" : v instanceof File file ? file.getPath() : v;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new AssertionError(command.getClass() + " has no field " + name);
    }

    private static boolean typeFits(Option.Kind kind, Class<?> type) {
        return switch (kind) {
            case INTEGER -> type == int.class || type == Integer.class;
            case LONG -> type == long.class || type == Long.class;
            case NUMBER -> type == double.class || type == Double.class;
            case BOOLEAN -> type == boolean.class || type == Boolean.class;
            case TEXT, CHOICE -> type == String.class;
            case FOLDER, FILE -> type == File.class;
        };
    }

    private static OptionTable imageJ1Options(Class<?> plugin) throws Exception {
        try {
            Field f = plugin.getDeclaredField("OPTIONS");
            f.setAccessible(true);
            return (OptionTable) f.get(null);
        } catch (NoSuchFieldException e) {
            return OptionTable.NONE;
        }
    }

    private static String help(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Main()
                .run(
                        new String[] {command, "--help"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
