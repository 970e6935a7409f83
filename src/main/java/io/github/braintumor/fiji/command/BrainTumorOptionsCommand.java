package io.github.braintumor.fiji.command;

import io.github.braintumor.app.options.PreferencesOptions;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.fiji.PluginOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; Brain Tumor &gt; Brain Tumor Options: threads, device, inference batch size and precision for every later
 * command, saved at once ({@link PluginOptions}). Macro:
 * {@code run("Brain Tumor Options", "threads=0 device=auto batchsize=4 precision=auto");} ({@code threads=0}: automatic).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Brain Tumor>Brain Tumor Options")
public class BrainTumorOptionsCommand extends BrainTumorCommand {
    // The dialog opens with what was saved (read when the command is made, before a macro's values are set).
    private final PluginOptions current = PluginOptions.load();

    // not persisted by SciJava: the options file is the one truth, shared with the ImageJ 1 twin
    @Parameter(
            label = "Threads (0 = automatic: free cores, stacks every core; at most Memory & Threads)",
            min = "0",
            persist = false)
    private int threads = current.threads();

    @Parameter(
            label = "Device (auto = a GPU when PyTorch can use one, else the CPU)",
            choices = {"auto", "cpu", "gpu"},
            persist = false,
            description = "auto = a GPU when PyTorch can use one, else the CPU")
    private String device = current.device().id();

    @Parameter(label = "Inference batch size (slices per pass)", min = "1", persist = false)
    private int batchsize = current.batchSize();

    /** What the engine runs with now, e.g. "PyTorch 2.7.1 cpu(), 2 thread(s)". */
    @Parameter(
            label = "Precision (auto = bfloat16 where the CPU has native bf16, else float32)",
            choices = {"auto", "float32", "bfloat16"},
            persist = false,
            description = "number format of inference; auto = bfloat16 where the CPU has native bf16, else float32")
    private String precision = current.precision().id();

    @Parameter(type = ItemIO.OUTPUT, label = "Engine")
    private String engine;

    private PluginOptions saved;

    @Override
    protected String label() {
        return "Brain Tumor Options";
    }

    @Override
    protected String device() {
        return device; // applied (and a GPU that cannot be used refused) before anything is saved
    }

    @Override
    public OptionTable options() {
        return PreferencesOptions.TABLE;
    }

    @Override
    protected void execute() throws Exception {
        PluginOptions options = PluginOptions.of(values());
        options.applyToEngine(null);
        engine = DjlEngine.brief(); // starts the engine: a device it cannot use is refused before anything is saved
        options.save();
        saved = options;
        if (log != null) log.info(label() + ": " + options.describe() + " (" + PluginOptions.file() + "); " + engine);
    }

    /** What the engine ran with on this command's thread after the options were applied. */
    public String engine() {
        return engine;
    }

    /** The options saved by this run. */
    public PluginOptions saved() {
        return saved;
    }
}
