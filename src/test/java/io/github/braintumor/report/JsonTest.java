package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsOrderNullsAndTypes() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1);
        m.put("alpha", 0.81);
        m.put("missing", null);
        m.put("auc", OptionalDouble.empty());
        m.put("flag", true);
        m.put("name", "UNet <16>");
        m.put("curve", new double[] {0.5, 0.25});
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", List.of(1, 2));
        m.put("inner", inner);
        Path file = dir.resolve("result.json");
        Json.write(file, m);
        Map<String, Object> back = Json.read(file);
        assertEquals(
                List.of("zeta", "alpha", "missing", "auc", "flag", "name", "curve", "inner"),
                List.copyOf(back.keySet()));
        assertEquals(1L, back.get("zeta"));
        assertEquals(0.81, back.get("alpha"));
        assertTrue(back.containsKey("missing"));
        assertEquals(null, back.get("missing"));
        assertEquals(null, back.get("auc"));
        assertEquals(true, back.get("flag"));
        assertEquals("UNet <16>", back.get("name"));
        assertEquals(List.of(0.5, 0.25), back.get("curve"));
        assertEquals(Map.of("k", List.of(1L, 2L)), back.get("inner"));
        assertTrue(Files.readString(file).contains("\"missing\": null"));
    }

    @Test
    void nanIsRejectedNamingTheKeyAndNothingIsWritten() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scores", Map.of("dice", Double.NaN));
        Path file = dir.resolve("nan.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(file, m));
        assertTrue(e.getMessage().contains("$.scores.dice"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void notAnObjectIsAnError() throws IOException {
        Path file = dir.resolve("list.json");
        Files.writeString(file, "[1, 2]");
        IOException e = assertThrows(IOException.class, () -> Json.read(file));
        assertTrue(e.getMessage().contains("list.json"), e.getMessage());
    }
}
