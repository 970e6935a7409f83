package io.github.braintumor.engine;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory checks for tests and logs: live NDArrays under a manager (sub-managers included) and the process's
 * resident set size (native memory included, unlike the Java heap).
 *
 * <pre>{@code
 * int before = NativeMemory.liveArrays(model.getNDManager());
 * trainOneEpoch();
 * assertEquals(before, NativeMemory.liveArrays(model.getNDManager()));
 * long rss = NativeMemory.residentBytes();   // -1 where /proc/self/status is missing (macOS, Windows)
 * }</pre>
 */
public final class NativeMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private NativeMemory() {}

    /** @return arrays attached to the manager and its open sub-managers */
    public static int liveArrays(NDManager manager) {
        return manager.getManagedArrays().size();
    }

    /** @return VmRSS in bytes from /proc/self/status, or -1 when unavailable */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /** @return VmHWM (peak resident set) in bytes, or -1 when unavailable */
    public static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    /** @return e.g. "rss 812 MiB (peak 1024 MiB), heap 120/512 MiB" */
    public static String describe() {
        Runtime rt = Runtime.getRuntime();
        return "rss " + mib(residentBytes()) + " (peak " + mib(peakResidentBytes()) + "), heap "
                + mib(rt.totalMemory() - rt.freeMemory()) + "/" + mib(rt.maxMemory());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : (bytes >> 20) + " MiB";
    }

    static long statusBytes(String key) {
        if (!Files.isReadable(STATUS)) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
            return parseKb(lines, key);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Parses "VmRSS:     1234 kB" style lines of /proc/self/status.
     *
     * @return the value of the first line starting with {@code key}, in bytes; -1 when there is none
     * @throws IllegalArgumentException when that line is not in kB
     */
    public static long parseKb(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                if (parts.length < 2 || !parts[1].equalsIgnoreCase("kB")) {
                    throw new IllegalArgumentException(
                            "Unexpected /proc/self/status line '" + line + "' (expected kB)");
                }
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        return -1;
    }
}
