package io.github.braintumor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a benchmark ran on: cores, CPU model and load (from {@code /proc}; "unknown" elsewhere).
 *
 * <pre>{@code
 * Map<String, Object> m = Machine.describe();   // cpus, cpu_model, loadavg
 * }</pre>
 */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", cpuModel(lines(Path.of("/proc/cpuinfo"))));
        m.put("loadavg_before", loadAverage());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** @return the first three fields of /proc/loadavg, or "unknown" */
    static String loadAverage() {
        List<String> l = lines(Path.of("/proc/loadavg"));
        if (l.isEmpty()) return "unknown";
        String[] f = l.get(0).trim().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    }

    /** @return the value of the first "model name" line, or "unknown" */
    static String cpuModel(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("model name"))
                return line.substring(line.indexOf(':') + 1).trim();
        }
        return "unknown";
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
