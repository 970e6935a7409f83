package io.github.braintumor.fiji.command;

import ij.Macro;
import io.github.braintumor.app.UserErrors;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.CommandLineBatch;
import io.github.braintumor.fiji.MacroOptions;
import io.github.braintumor.fiji.PluginOptions;
import io.github.braintumor.fiji.TaskProgress;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.task.TaskService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Shared plumbing of the plugin's SciJava commands: progress through the Task API, cancel, and errors
 * (a dialog in the GUI; headless an exception and a log line). Subclasses implement {@link #execute()}.
 */
public abstract class BrainTumorCommand extends ContextCommand {
    /** An empty folder field means the embedded default model. */
    protected static String path(File f) {
        return f == null ? "" : f.getPath();
    }

    /**
     * The values of this command's {@code @Parameter} fields named by the table's Fiji options, checked against the
     * table: the same values the ImageJ 1 twin's dialog reads, for the same request builder. A folder or file field
     * left empty is "".
     *
     * @throws IllegalArgumentException naming an option whose value is out of range
     */
    protected OptionValues values() {
        return values(options());
    }

    /** The command's option table (what its ImageJ 1 twin's dialog and the command line offer); empty for none. */
    public OptionTable options() {
        return OptionTable.NONE;
    }

    private OptionValues values(OptionTable table) {
        Map<String, Object> read = new HashMap<>();
        for (Option<?> o : table.offeredIn(Option.Front.FIJI)) {
            Field f = field(getClass(), o.key());
            try {
                f.setAccessible(true);
                Object value = f.get(this);
                read.put(o.key(), value instanceof File file ? file.getPath() : value == null ? "" : value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
        return table.fromValues(read::get);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " has no @Parameter field '" + name + "'");
    }

    /** The refusal of an image command run with neither an open image nor a script's ImgLib2 {@code input}. */
    protected static IllegalArgumentException noImage() {
        return new IllegalArgumentException(
                "no image: open an MRI slice or stack first (or give 'input', an ImgLib2 image, from a script)");
    }

    @Parameter(required = false)
    protected UIService ui;

    @Parameter(required = false)
    protected LogService log;

    @Parameter(required = false)
    protected TaskService tasks;

    @Parameter(required = false)
    protected StatusService status;

    /** The command's work: parse parameters, call the facade, keep/show the results. */
    protected abstract void execute() throws Exception;

    /**
     * The command's own {@code device} key (inference commands), or null: the device of Brain Tumor Options.
     */
    protected String device() {
        return null;
    }

    /** The command's menu label, for progress and error titles. */
    protected abstract String label();

    @Override
    public final void run() {
        try {
            // Fiji's macro preprocessor reads key=value only; a bare check-box word (ImageJ 1 style) is set here
            MacroOptions.applyBareWords(this, Macro.getOptions());
            // threads and device as set in Brain Tumor Options (or this command's device key), before any model loads
            PluginOptions.load().applyToEngine(device());
            execute();
        } catch (CancellationException e) {
            // The user pressed cancel during inference: nothing to report but the fact.
            if (log != null) log.info(label() + ": " + e.getMessage());
            cancel(e.getMessage());
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (log != null) {
                // a user's mistake is one line; anything else is a bug: its stack trace goes to the Console
                if (UserErrors.isUserError(e)) log.error(label() + ": " + message);
                else log.error(label() + ": " + message, e);
            }
            if (gui()) {
                // A dialog is the whole report for a user clicking menus; no stack trace window.
                ui.showDialog(message, label(), DialogPrompt.MessageType.ERROR_MESSAGE);
                cancel(message);
                return;
            }
            // ImageJ -batch exits 0 after any macro: end it with exit code 1 so that its caller sees the failure
            CommandLineBatch.exitOnError(label() + ": " + message);
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(label() + ": " + message, e);
        }
    }

    /** Progress of this command: a task with a cancel button, and the status line. */
    protected TaskProgress progress() {
        return TaskProgress.start(tasks, status, label(), () -> cancel("Canceled by the user"));
    }

    /** True in Fiji with a UI; false in headless contexts and scripts run with --headless. */
    protected boolean gui() {
        return ui != null && !ui.isHeadless() && !GraphicsEnvironment.isHeadless();
    }
}
