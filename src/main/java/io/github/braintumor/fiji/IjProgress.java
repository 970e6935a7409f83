package io.github.braintumor.fiji;

import ij.IJ;
import io.github.braintumor.app.ProgressText;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * ImageJ 1 progress: {@code IJ.showProgress}/{@code IJ.showStatus}, and cancel with the Esc key.
 *
 * <pre>{@code
 * IjProgress p = new IjProgress();
 * trainer.train(data, split, out, p, p.escapePressed());
 * }</pre>
 */
public final class IjProgress implements ProgressListener {
    private Consumer<Progress> epochHook = p -> {};
    private int lastEpoch = -1;

    public IjProgress() {
        IJ.resetEscape();
    }

    /** Called once per epoch with a validation metric: draws the learning curve. */
    public IjProgress optEpochHook(Consumer<Progress> hook) {
        this.epochHook = hook;
        return this;
    }

    @Override
    public void onProgress(Progress p) {
        IJ.showProgress(p.fraction());
        IJ.showStatus(ProgressText.of(p) + " (Esc cancels)");
        if (p.endOfEpoch() && p.epoch().epoch() != lastEpoch) {
            lastEpoch = p.epoch().epoch();
            epochHook.accept(p);
        }
    }

    @Override
    public void onMessage(String message) {
        IJ.showStatus(message);
    }

    /** Cancel check: true once the user pressed Esc. */
    public BooleanSupplier escapePressed() {
        return IJ::escapePressed;
    }

    /** Clears the progress bar. */
    public void done() {
        IJ.showProgress(1.0);
        IJ.showStatus("");
    }
}
