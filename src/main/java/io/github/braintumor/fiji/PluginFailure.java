package io.github.braintumor.fiji;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;

/**
 * The one way an ImageJ 1 plugin or a shipped macro reports that it failed: a dialog for a user at the screen, else
 * a log line (a modal dialog would hang a batch macro and {@code ImageJ -batch} forever); under {@code ImageJ
 * -batch} exit code {@value CommandLineBatch#ERROR_EXIT} ({@link CommandLineBatch}); and the calling macro stopped
 * here instead of at its next line, which would fail with a modal error dialog.
 *
 * <pre>{@code
 * PluginFailure.report("Segment Tumor (UNet)", "no image is open: open an MRI slice or stack first");
 * }</pre>
 */
public final class PluginFailure {
    private PluginFailure() {}

    /** A user at the screen: an ImageJ window, not headless, no batch-mode macro. */
    public static boolean interactive() {
        return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
    }

    /** Reports {@code message} under {@code title} as the class comment says. */
    public static void report(String title, String message) {
        if (interactive()) {
            IJ.error(title, message);
        } else {
            IJ.log(title + ": " + message);
        }
        CommandLineBatch.exitOnError(title + ": " + message);
        if (Macro.getOptions() != null || IJ.isMacro()) Interpreter.abort();
    }
}
