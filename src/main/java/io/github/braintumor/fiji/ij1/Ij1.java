package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import io.github.braintumor.app.UserErrors;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.fiji.PluginFailure;
import io.github.braintumor.fiji.PluginOptions;
import java.util.concurrent.CancellationException;

/** Shared plumbing of the ImageJ 1 plugins: errors as IJ.error, or a log line in batch macros and headless. */
final class Ij1 {
    private Ij1() {}

    interface Body {
        void run() throws Exception;
    }

    /** Runs the body; an exception becomes an error dialog naming the command, and aborts a running macro. */
    static void guarded(String title, Body body) {
        guarded(title, null, body);
    }

    /**
     * {@link #guarded(String, Body)} with the command's own {@code device} key (null or "options": as set in Brain
     * Tumor Options); threads and device are applied before the body loads any model.
     */
    static void guarded(String title, String device, Body body) {
        try {
            PluginOptions.load().applyToEngine(device);
            body.run();
        } catch (CancellationException e) {
            IJ.showStatus(title + ": " + e.getMessage());
        } catch (Exception e) {
            fail(title, e);
        } finally {
            IJ.showProgress(1.0);
        }
    }

    /**
     * Reports an error ({@link PluginFailure}: a dialog or a log line, the macro stopped, exit code 1 under
     * {@code ImageJ -batch}); a bug, unlike a user's mistake, also leaves its stack trace in the Console.
     */
    static void fail(String title, Exception e) {
        if (!UserErrors.isUserError(e)) e.printStackTrace();
        PluginFailure.report(title, e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /**
     * @return the image the command works on; null (after {@link #fail}, which stops a macro) when none is open:
     *     {@code IJ.getImage()} would show a modal "no image" dialog that hangs a batch macro
     */
    static ImagePlus currentImage(String title) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            fail(
                    title,
                    new IllegalArgumentException("no image is open: open an MRI slice or stack first (File > Open,"
                            + " or open(path) in a macro), then run " + title));
        }
        return imp;
    }

    static void show(ImagePlus imp) {
        if (imp != null) imp.show();
    }

    static void show(ResultsTable table, String title) {
        if (table != null) table.show(title);
    }

    /**
     * Shows an option dialog (or reads the running macro) and returns its values; null when it was canceled or a
     * value was refused (reported as every failure is).
     */
    static OptionValues ask(String title, OptionDialog dialog) {
        if (!dialog.show()) return null;
        try {
            return dialog.values();
        } catch (IllegalArgumentException e) {
            fail(title, e);
            return null;
        }
    }
}
