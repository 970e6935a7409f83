package io.github.braintumor.fiji.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.measure.ResultsTable;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;

/** Shared plumbing of the ImageJ 1 plugins: errors as IJ.error (or a log line when headless). */
final class Ij1 {
    private Ij1() {}

    interface Body {
        void run() throws Exception;
    }

    /** Runs the body; an exception becomes an error dialog naming the command, and aborts a running macro. */
    static void guarded(String title, Body body) {
        try {
            body.run();
        } catch (CancellationException e) {
            IJ.showStatus(title + ": " + e.getMessage());
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (GraphicsEnvironment.isHeadless()) {
                IJ.log(title + ": " + message);
            } else {
                IJ.error(title, message);
            }
            if (Macro.getOptions() != null || IJ.isMacro()) Macro.abort();
        } finally {
            IJ.showProgress(1.0);
        }
    }

    static void show(ImagePlus imp) {
        if (imp != null) imp.show();
    }

    static void show(ResultsTable table, String title) {
        if (table != null) table.show(title);
    }
}
