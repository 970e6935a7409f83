package io.github.braintumor.fiji;

import ij.IJ;
import ij.Prefs;

/**
 * ImageJ started as {@code ImageJ -batch macro.ijm} (a macro from the command line, no ImageJ window): a script
 * waiting on that process sees only its exit code, and ImageJ exits 0 after a macro however it went. A plugin error
 * there therefore ends the process with exit code 1 once its one-line message is out.
 *
 * <pre>{@code
 * CommandLineBatch.exitOnError("Segment Tumor (UNet): no image is open");   // returns unless under ImageJ -batch
 * }</pre>
 */
public final class CommandLineBatch {
    /** The exit code of a command-line batch run that a plugin error ended. */
    public static final int ERROR_EXIT = 1;

    private CommandLineBatch() {}

    /** @return whether this is {@code ImageJ -batch}: a command-line macro and no ImageJ window */
    public static boolean active() {
        return Prefs.commandLineMacro() && IJ.getInstance() == null;
    }

    /** Under {@code ImageJ -batch}: writes {@code line} to stderr and exits with {@link #ERROR_EXIT}; else returns. */
    public static void exitOnError(String line) {
        if (!active()) return;
        System.out.flush();
        System.err.println(line);
        System.err.flush();
        System.exit(ERROR_EXIT);
    }
}
