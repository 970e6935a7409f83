package io.github.braintumor.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text progress: a line every N batches (epoch, batch, loss, ETA) and a line per epoch with the metric. */
final class ConsoleProgressListener implements ProgressListener {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;
    private final int everyBatches;

    ConsoleProgressListener(PrintStream out, int everyBatches) {
        this.out = out;
        this.everyBatches = Math.max(1, everyBatches);
    }

    @Override
    public void onProgress(Progress p) {
        long step = p.epoch() != null ? p.epoch().batch() : p.done();
        long steps = p.epoch() != null ? p.epoch().batches() : p.total();
        if (p.endOfEpoch() || step % everyBatches == 0 || step == steps) {
            out.println(LocalTime.now().format(CLOCK) + " " + p.message() + " eta " + format(p.eta()));
            out.flush();
        }
    }

    @Override
    public void onMessage(String m) {
        out.println(LocalTime.now().format(CLOCK) + " " + m);
        out.flush();
    }

    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
