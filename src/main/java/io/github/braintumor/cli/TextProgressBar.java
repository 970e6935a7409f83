package io.github.braintumor.cli;

import io.github.braintumor.app.ProgressText;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar on stderr ({@code [#####.....]  50% epoch 1/2 batch 5/10 loss 0.41 ETA 12s}),
 * redrawn in place with a carriage return; end-of-epoch reports get their own line.
 *
 * <pre>{@code ProgressListener bar = new TextProgressBar(System.err); ... bar.finish();}</pre>
 */
public final class TextProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private boolean open;
    private int lastLength;

    public TextProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        double f = p.fraction();
        int filled = (int) Math.round(f * WIDTH);
        String line = String.format(
                Locale.ROOT,
                "\r[%s%s] %3d%% %s",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                Math.round(f * 100),
                ProgressText.of(p));
        err.print(line + " ".repeat(Math.max(0, lastLength - line.length()))); // wipe a longer previous line
        lastLength = line.length();
        open = true;
        if (p.endOfEpoch()) finish();
        err.flush();
    }

    @Override
    public synchronized void onMessage(String m) {
        finish();
        err.println(m);
    }

    /** Ends the current bar line. */
    public synchronized void finish() {
        if (open) err.println();
        open = false;
        lastLength = 0;
    }
}
