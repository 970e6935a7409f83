package io.github.braintumor.bench;

import io.github.braintumor.engine.NativeMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One consistent reading of {@code /proc/self/status}: resident set (VmRSS), its peak (VmHWM) and the number of
 * threads, so a memory sample is taken in one read. Values are -1 where the file or line is absent (not Linux).
 *
 * <pre>{@code
 * ProcStatus s = ProcStatus.read();
 * System.out.println(s.rssMb() + " MiB now, " + s.peakMb() + " MiB peak, " + s.threads() + " threads");
 * }</pre>
 */
public record ProcStatus(long rssBytes, long peakBytes, int threads) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** @return the current process's status, or all -1 when it cannot be read */
    public static ProcStatus read() {
        try {
            return parse(Files.readAllLines(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return new ProcStatus(-1, -1, -1);
        }
    }

    /** Parses lines such as {@code VmRSS:   123456 kB}, {@code VmHWM: ...}, {@code Threads: 17}. */
    public static ProcStatus parse(List<String> lines) {
        int threads = -1;
        for (String line : lines) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        return new ProcStatus(NativeMemory.parseKb(lines, "VmRSS:"), NativeMemory.parseKb(lines, "VmHWM:"), threads);
    }

    /** @return VmRSS in MiB (one decimal), -1 when unknown */
    public double rssMb() {
        return mb(rssBytes);
    }

    /** @return VmHWM in MiB (one decimal), -1 when unknown */
    public double peakMb() {
        return mb(peakBytes);
    }

    static double mb(long bytes) {
        return bytes < 0 ? -1 : Timing.round(bytes / 1048576.0, 1);
    }
}
