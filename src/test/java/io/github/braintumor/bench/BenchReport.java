package io.github.braintumor.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Benchmark} result as one JSON object (written atomically) and as readable text.
 *
 * <pre>{@code
 * Map<String, Object> r = Benchmark.run(config, System.err);
 * System.out.print(BenchReport.text(r));
 * BenchReport.write(Path.of("bench.json"), r);
 * }</pre>
 */
public final class BenchReport {
    /** Top-level keys of every result. */
    public static final List<String> TOP_KEYS = List.of(
            "tool",
            "when",
            "machine",
            "threads",
            "config",
            "unet",
            "cnn",
            "stack",
            "memory_flat",
            "memory",
            "loadavg_after");
    /** Keys of "unet" and "cnn" that the peer's JSON has too (same meaning). */
    public static final List<String> MODEL_KEYS = List.of("params", "b1", "b8", "train_b8");

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private BenchReport() {}

    public static String json(Map<String, Object> result) {
        return GSON.toJson(result);
    }

    /** Writes the JSON object to {@code file} via a temporary file in the same folder. */
    public static void write(Path file, Map<String, Object> result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) java.nio.file.Files.createDirectories(parent);
        AtomicFiles.writeString(file, json(result) + "\n");
    }

    /** @return a few readable lines with the headline figures */
    @SuppressWarnings("unchecked")
    public static String text(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        Map<String, Object> m = (Map<String, Object>) r.get("machine");
        Map<String, Object> t = (Map<String, Object>) r.get("threads");
        s.append(String.format(
                Locale.ROOT,
                "machine: %s cpus, %s, load %s -> %s; PyTorch threads %s%n",
                m.get("cpus"),
                m.get("cpu_model"),
                m.get("loadavg_before"),
                r.get("loadavg_after"),
                t.get("djl_num_threads")));
        for (String name : List.of("unet", "cnn")) {
            Map<String, Object> d = (Map<String, Object>) r.get(name);
            s.append(String.format(
                    Locale.ROOT,
                    "%s%s: %s params; inference b1 %s slices/s, b8 %s slices/s; "
                            + "training step b8 %s slices/s (%s ms); output tracks gradients: %s (other thread: %s)%n",
                    name,
                    name.equals("unet") ? " features " + d.get("features") : "",
                    d.get("params"),
                    rate(d, "b1"),
                    rate(d, "b8"),
                    rate(d, "train_b8"),
                    ((Map<String, Object>) d.get("train_b8")).get("median_ms"),
                    d.get("output_requires_grad"),
                    d.get("output_requires_grad_other_thread")));
        }
        Map<String, Object> st = (Map<String, Object>) r.get("stack");
        s.append(String.format(
                Locale.ROOT,
                "stack of %s slices, UNet features %s, batch %s: %s; conversion + "
                        + "post-processing = %s%% of inference; DefaultSegmenter incl. reading %s s%n",
                st.get("slices"),
                st.get("features"),
                st.get("batch"),
                st.get("split"),
                st.get("conversion_plus_postprocessing_pct_of_inference"),
                st.get("patient_seconds")));
        Map<String, Object> f = (Map<String, Object>) r.get("memory_flat");
        s.append(String.format(
                Locale.ROOT,
                "memory while segmenting %s slices: RSS first %s, last %s, max %s MiB " + "(every %s slices: %s)%n",
                f.get("slices"),
                f.get("first_mb"),
                f.get("last_mb"),
                f.get("max_mb"),
                f.get("sample_every"),
                f.get("rss_mb")));
        Map<String, Object> mem = (Map<String, Object>) r.get("memory");
        s.append(String.format(
                Locale.ROOT,
                "peak RSS (VmHWM) %s MiB, RSS at end %s MiB%n",
                mem.get("peak_rss_mb"),
                mem.get("rss_mb")));
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object rate(Map<String, Object> model, String key) {
        return ((Map<String, Object>) model.get(key)).get("slices_per_s");
    }
}
