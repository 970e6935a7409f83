package io.github.braintumor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.braintumor.bench.BenchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke test with tiny settings: every key present, every figure positive. No timing assertions. */
class BenchSubcommandTest {
    @TempDir
    Path dir;

    @Test
    void tinyBenchWritesEveryKeyWithPositiveFigures() throws Exception {
        Path json = dir.resolve("out/bench.json");
        CliRun run = CliRun.of(
                "bench",
                "--features",
                "4",
                "--stack-features",
                "4",
                "--size",
                "64",
                "--slices",
                "200",
                "--patient-slices",
                "5",
                "--quick",
                "--out",
                json.toString());
        assertEquals(Main.OK, run.code(), run.err());
        assertTrue(run.out().contains("inference b1"), run.out());
        JsonObject r = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        for (String key : BenchReport.TOP_KEYS) {
            assertTrue(r.has(key), "missing " + key);
        }
        for (String model : List.of("unet", "cnn")) {
            JsonObject m = r.getAsJsonObject(model);
            for (String key : BenchReport.MODEL_KEYS) {
                assertTrue(m.has(key), model + " misses " + key);
            }
            assertTrue(m.get("params").getAsLong() > 0);
            for (String figure : List.of("b1", "b8", "train_b8")) {
                assertPositive(m.getAsJsonObject(figure).get("slices_per_s"), model + "." + figure);
                assertPositive(m.getAsJsonObject(figure).get("median_ms"), model + "." + figure);
            }
            assertEquals(false, m.get("output_requires_grad").getAsBoolean(), model);
        }
        JsonObject split = r.getAsJsonObject("stack").getAsJsonObject("split");
        for (String stage : List.of("reading_ms", "conversion_ms", "inference_ms", "postprocessing_ms")) {
            assertPositive(split.get(stage), stage);
        }
        assertPositive(r.getAsJsonObject("stack").get("patient_seconds"), "patient_seconds");
        JsonObject flat = r.getAsJsonObject("memory_flat");
        JsonArray samples = flat.getAsJsonArray("rss_mb");
        assertEquals(2, samples.size());
        for (String key : List.of("first_mb", "last_mb", "max_mb", "slices_per_s")) {
            assertPositive(flat.get(key), key);
        }
        assertPositive(r.getAsJsonObject("memory").get("peak_rss_mb"), "peak_rss_mb");
        assertPositive(r.getAsJsonObject("machine").get("cpus"), "cpus");
    }

    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeMeasuring() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("a-folder"));
        CliRun run = CliRun.of("bench", "--quick", "--out", folder.toString());
        assertEquals(Main.BAD_INPUT, run.code(), run.err());
        assertTrue(run.reason().contains("is a folder"), run.reason());
        assertTrue(!run.err().contains("[bench]"), "measured before refusing:\n" + run.err());
        Path notes = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun other = CliRun.of("bench", "--quick", "--out", notes.toString());
        assertTrue(other.reason().contains("is not a .json file"), other.reason());
        assertEquals("mine", java.nio.file.Files.readString(notes));
    }

    @Test
    void badOptionIsUsageError() {
        CliRun run = CliRun.of("bench", "--slices", "150");
        assertEquals(Main.BAD_INPUT, run.code());
        assertTrue(run.reason().contains("150"), run.reason());
    }

    private static void assertPositive(JsonElement e, String what) {
        assertTrue(e != null && e.getAsDouble() > 0, what + " = " + e);
    }
}
