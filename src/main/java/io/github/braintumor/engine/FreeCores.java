package io.github.braintumor.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * How many cores other programs leave free, sampled once from {@code /proc/stat}: the default intra-op thread
 * count.
 *
 * <p>Why: PyTorch splits every layer evenly over its threads, so a thread that shares a core with another program
 * gets half a core and every layer waits for it. With one of 2 cores busy, 2 threads ran a 38-slice
 * {@code segment} no faster than 1 (14.4 s against 11.8-14.2 s, passive OpenMP wait, 2026-12-03). Taking only
 * the cores that are idle when the engine starts avoids that straggler; the CPU time of this process itself
 * (class loading, JIT) is not counted as taken. Where {@code /proc/stat} is missing (macOS, Windows) all
 * available processors are used.
 *
 * <pre>{@code
 * int threads = FreeCores.estimate();   // 1 .. availableProcessors()
 * }</pre>
 */
public final class FreeCores {
    /** How long the CPU counters are watched; about 15 scheduler ticks per core at 100 Hz. */
    static final long SAMPLE_MILLIS = 150;

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    private static FutureTask<Integer> sampling;

    private FreeCores() {}

    /**
     * Starts the sampling on a daemon thread, so that the 150 ms overlap with reading inputs; {@link #estimate()}
     * then waits only for what is left. Called by the command line as it starts.
     */
    public static void prefetch() {
        Thread t = new Thread(sampling(), "brain-tumor-free-cores");
        t.setDaemon(true);
        t.start();
    }

    /** @return the cores not used by other processes, at least 1, at most {@code availableProcessors()}; cached */
    public static int estimate() {
        FutureTask<Integer> task = sampling();
        task.run(); // no-op when already run or running on the prefetch thread
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Runtime.getRuntime().availableProcessors();
        } catch (ExecutionException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The one sampling of this JVM, created on first use. */
    private static synchronized FutureTask<Integer> sampling() {
        if (sampling == null) sampling = new FutureTask<>(FreeCores::compute);
        return sampling;
    }

    private static int compute() {
        int available = Runtime.getRuntime().availableProcessors();
        return available <= 1 ? 1 : sample(available);
    }

    private static int sample(int available) {
        try {
            long[] a = counters();
            Thread.sleep(SAMPLE_MILLIS);
            long[] b = counters();
            return free(available, (int) a[3], b[0] - a[0], b[1] - a[1], b[2] - a[2]);
        } catch (IOException | RuntimeException e) {
            return available;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return available;
        }
    }

    /**
     * @param available processors this JVM may use
     * @param cpus processors the counters cover
     * @param busyTicks non-idle ticks of all processors in the window
     * @param totalTicks all ticks of all processors in the window
     * @param ownTicks ticks this process used in the window
     * @return available processors minus the cores the others kept busy (rounded), at least 1
     */
    static int free(int available, int cpus, long busyTicks, long totalTicks, long ownTicks) {
        if (totalTicks <= 0 || cpus <= 0) return available;
        double tickPerCore = (double) totalTicks / cpus;
        double othersCores = Math.max(0, busyTicks - ownTicks) / tickPerCore;
        int free = (int) Math.min(available, Math.round(cpus - othersCores));
        return Math.max(1, free);
    }

    /** @return busy ticks, total ticks (all cpus), this process's ticks, number of cpus */
    private static long[] counters() throws IOException {
        List<String> stat = Files.readAllLines(STAT);
        String[] f = stat.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        long cpus = stat.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        String self = Files.readString(SELF);
        String[] s = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+"); // fields from "state" on
        long own = Long.parseLong(s[11]) + Long.parseLong(s[12]); // utime, stime (fields 14 and 15)
        return new long[] {total - idle, total, own, cpus};
    }
}
