package io.github.braintumor.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Small JSON files of results and settings (Gson). Maps keep their order, {@code null} is written as
 * {@code null}, NaN and infinities are rejected (JSON has no such numbers) with the key path named.
 * Values may be maps, lists, arrays, numbers, booleans, strings, enums (name), optionals (value or null),
 * and anything else is written by its {@code toString()}.
 *
 * <pre>{@code
 * Map<String, Object> m = new LinkedHashMap<>();
 * m.put("epochs", 20); m.put("dice", 0.81); m.put("auc", null);
 * Json.write(Path.of("out/result.json"), m);
 * Map<String, Object> back = Json.read(Path.of("out/result.json")); // {epochs=20, dice=0.81, auc=null}
 * }</pre>
 * Reading gives {@code Long} for integral numbers, {@code Double} otherwise, {@code List} for arrays and
 * {@code LinkedHashMap} for objects.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private Json() {}

    /** The JSON text of a map. @throws IllegalArgumentException for NaN/infinite numbers, naming the key */
    public static String toJson(Map<String, ?> map) {
        return GSON.toJson(tree(map, "$")) + "\n";
    }

    /** Writes the map as pretty JSON, atomically. */
    public static void write(Path file, Map<String, ?> map) throws IOException {
        String text = toJson(map); // fails before any file is touched
        AtomicFiles.writeString(file, text);
    }

    /** @throws IOException if unreadable, not JSON or not a JSON object; the message names the file */
    public static Map<String, Object> read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException if the text is not a JSON object */
    public static Map<String, Object> parse(String text) {
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException("not valid JSON: " + ex.getMessage(), ex);
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value(e);
        return m;
    }

    private static JsonElement tree(Object v, String path) {
        if (v == null) return JsonNull.INSTANCE;
        if (v instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            for (Map.Entry<?, ?> en : map.entrySet()) {
                String key = String.valueOf(en.getKey());
                o.add(key, tree(en.getValue(), path + "." + key));
            }
            return o;
        }
        if (v instanceof Iterable<?> it) {
            JsonArray a = new JsonArray();
            int i = 0;
            for (Object x : it) a.add(tree(x, path + "[" + i++ + "]"));
            return a;
        }
        if (v.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(v); i++) a.add(tree(Array.get(v, i), path + "[" + i + "]"));
            return a;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Value at " + path + " is " + d
                        + "; JSON has no NaN or infinity: write null or leave the key out");
            }
            return new JsonPrimitive((Number) v);
        }
        if (v instanceof Number n) return new JsonPrimitive(n);
        if (v instanceof Boolean b) return new JsonPrimitive(b);
        if (v instanceof Character c) return new JsonPrimitive(c);
        if (v instanceof Enum<?> en) return new JsonPrimitive(en.name());
        if (v instanceof OptionalDouble o) return o.isPresent() ? tree(o.getAsDouble(), path) : JsonNull.INSTANCE;
        if (v instanceof OptionalInt o) return o.isPresent() ? new JsonPrimitive(o.getAsInt()) : JsonNull.INSTANCE;
        if (v instanceof OptionalLong o) return o.isPresent() ? new JsonPrimitive(o.getAsLong()) : JsonNull.INSTANCE;
        if (v instanceof Optional<?> o) return tree(o.orElse(null), path);
        return new JsonPrimitive(v.toString());
    }

    private static Object value(JsonElement e) {
        if (e.isJsonNull()) return null;
        if (e.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
                m.put(en.getKey(), value(en.getValue()));
            }
            return m;
        }
        if (e.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) l.add(value(x));
            return l;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        String number = p.getAsString();
        if (number.matches("-?\\d+")) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException tooBig) {
                return new BigDecimal(number).doubleValue();
            }
        }
        return Double.parseDouble(number);
    }
}
