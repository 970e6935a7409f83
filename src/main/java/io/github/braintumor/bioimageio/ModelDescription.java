package io.github.braintumor.bioimageio;

import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.model.BundleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What this plugin reads of a bioimage.io model package ({@code rdf.yaml} or {@code bioimageio.yaml}, format 0.4
 * or 0.5): its single input and output tensor (axes, sizes, pre- and postprocessing, test tensor) and its
 * TorchScript weights. The two format versions are brought to one form here, so the mapping does not see them.
 *
 * <pre>{@code
 * try (ModelDescription.Opened p = ModelDescription.open(Path.of("model.zip"))) {
 *     ModelDescription d = p.description();
 *     System.out.println(d.name() + ": " + d.input().axes());       // "[b, c, y, x]"
 * }
 * }</pre>
 *
 * @param root          folder holding the description and the files it names
 * @param file          the description file
 * @param formatVersion e.g. "0.4.9", "0.5.3"
 * @param weightFormats the weight formats the package has (e.g. torchscript, onnx, pytorch_state_dict)
 * @param torchscript   the TorchScript weights file, or null
 */
public record ModelDescription(
        Path root,
        Path file,
        String formatVersion,
        String name,
        String description,
        String license,
        Tensor input,
        Tensor output,
        List<String> weightFormats,
        Path torchscript,
        String torchscriptSha256,
        Path origin,
        List<String> authors,
        List<Map<String, Object>> cite,
        Map<?, ?> plugin) {

    /** @return what the user gave, for messages */
    public String where() {
        return origin != null ? origin.toString() : file.toString();
    }

    /** Names a description file may have, in the order they are looked for. */
    public static final List<String> FILE_NAMES = List.of("rdf.yaml", "bioimageio.yaml", "model.yaml");
    /** Bounds of an inflated package: weights of a 2-D segmentation model are megabytes, not gigabytes. */
    static final long MAX_INFLATED_BYTES = 1L << 30;

    static final int MAX_ENTRIES = 10_000;

    /**
     * One tensor: its axes as letters ({@code b, c, y, x, z, t, i}), sizes where fixed or stepped, steps.
     *
     * @param channels  channels, or -1 when not given
     * @param minSize   spatial (y, x) minimum size, or fixed size; -1 when not given
     * @param step      spatial step (0 = fixed)
     * @param steps     pre- or postprocessing in order ({@code name}, {@code kwargs})
     * @param range     declared data range (low, high), or null
     * @param test      test tensor file, or null
     */
    public record Tensor(
            String name,
            List<String> axes,
            int channels,
            int minSize,
            int step,
            List<Step> steps,
            double[] range,
            Path test) {}

    /** One pre- or postprocessing step. */
    public record Step(String name, Map<String, Object> kwargs) {}

    /** A description read from a folder or from a zip extracted to a temporary folder (removed on close). */
    public record Opened(ModelDescription description, Path extracted) implements AutoCloseable {
        @Override
        public void close() {
            if (extracted != null) {
                try {
                    AtomicFiles.deleteRecursively(extracted);
                } catch (IOException ignored) {
                    // a temporary folder; the OS cleans it
                }
            }
        }
    }

    /**
     * @param source a package folder, its description file, or a package {@code .zip}
     * @throws BundleException naming the file and what is wrong
     */
    public static Opened open(Path source) throws BundleException {
        if (source == null || !Files.exists(source)) {
            throw new BundleException("bioimage.io package " + source + " does not exist: give its folder, its"
                    + " rdf.yaml or its .zip");
        }
        Path extracted = null;
        Path folder = source;
        Path file = null;
        try {
            if (Files.isRegularFile(source)
                    && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                extracted = Files.createTempDirectory("bioimageio-");
                unzip(source, extracted);
                folder = extracted;
            } else if (Files.isRegularFile(source)) {
                file = source;
                folder = source.toAbsolutePath().getParent();
            }
            if (file == null) {
                for (String n : FILE_NAMES) {
                    if (Files.isRegularFile(folder.resolve(n))) {
                        file = folder.resolve(n);
                        break;
                    }
                }
            }
            if (file == null) {
                throw new BundleException(
                        source + " holds no " + String.join(" / ", FILE_NAMES) + ": not a bioimage.io model package");
            }
            return new Opened(read(folder, file).from(source), extracted);
        } catch (IOException e) {
            new Opened(null, extracted).close();
            throw new BundleException("Cannot read the bioimage.io package " + source + ": " + e.getMessage(), e);
        } catch (BundleException | RuntimeException e) {
            new Opened(null, extracted).close();
            throw e;
        }
    }

    /**
     * Inflates a package, bounded: a small zip may inflate to gigabytes (a "zip bomb"), so the total is limited to
     * {@value #MAX_INFLATED_BYTES} bytes and {@value #MAX_ENTRIES} entries, counted as the bytes come.
     */
    private static void unzip(Path zip, Path into) throws IOException {
        unzip(zip, into, MAX_INFLATED_BYTES);
    }

    /** {@link #unzip(Path, Path)} with another bound (tests). */
    static void unzip(Path zip, Path into, long maxBytes) throws IOException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("it holds more than " + MAX_ENTRIES + " entries; a model package has a few");
                }
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException("entry " + e.getName() + " points outside the zip");
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = z.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new IOException("it inflates to more than " + (maxBytes >> 20) + " MB;"
                                    + " a segmentation model package is far smaller (unpack it yourself and give the"
                                    + " folder if it really is this large)");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        }
    }

    /** A path named in the description must stay inside the package (no ../ or absolute paths out of it). */
    private static Path inside(Path root, String source, Path file, String what) throws BundleException {
        if (source == null) return null;
        Path base = root.toAbsolutePath().normalize();
        Path p = base.resolve(source).normalize();
        if (!p.startsWith(base)) {
            throw new BundleException(file + ": the " + what + " '" + source + "' points outside the package");
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    static ModelDescription read(Path root, Path file) throws IOException, BundleException {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new BundleException(
                    file + " is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(loaded instanceof Map<?, ?> m)) throw new BundleException(file + " is not a YAML mapping");
        Map<String, Object> rdf = (Map<String, Object>) m;
        String type = string(rdf.get("type"));
        if (!"model".equals(type)) {
            throw new BundleException(file + " describes a '" + type + "', not a model (type: model)");
        }
        String version = string(rdf.get("format_version"));
        boolean v04 = version != null && version.startsWith("0.4");
        List<Object> inputs = list(rdf.get("inputs"));
        List<Object> outputs = list(rdf.get("outputs"));
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new BundleException(file + " has " + inputs.size() + " input and " + outputs.size() + " output"
                    + " tensors; only single-input, single-output models can be imported");
        }
        Map<String, Object> w = (Map<String, Object>) map(rdf.get("weights"));
        Map<String, Object> ts = (Map<String, Object>) map(w.get("torchscript"));
        Path torchscript = ts.isEmpty() ? null : inside(root, string(ts.get("source")), file, "torchscript source");
        List<Object> testInputs = list(rdf.get("test_inputs"));
        List<Object> testOutputs = list(rdf.get("test_outputs"));
        Tensor in = tensor(
                root,
                file,
                (Map<String, Object>) map(inputs.get(0)),
                v04,
                "preprocessing",
                testInputs.isEmpty() ? null : string(testInputs.get(0)));
        Tensor out = tensor(
                root,
                file,
                (Map<String, Object>) map(outputs.get(0)),
                v04,
                "postprocessing",
                testOutputs.isEmpty() ? null : string(testOutputs.get(0)));
        return new ModelDescription(
                root,
                file,
                version,
                string(rdf.get("name")),
                string(rdf.get("description")),
                string(rdf.get("license")),
                in,
                out,
                new ArrayList<>(w.keySet()),
                torchscript,
                ts.isEmpty() ? null : string(ts.get("sha256")),
                null,
                authors(rdf.get("authors")),
                cite(rdf.get("cite")),
                map(map(rdf.get("config")).get("brain_tumor")));
    }

    /** @return this description as read from {@code origin} (what the user gave) */
    ModelDescription from(Path origin) {
        return new ModelDescription(
                root,
                file,
                formatVersion,
                name,
                description,
                license,
                input,
                output,
                weightFormats,
                torchscript,
                torchscriptSha256,
                origin,
                authors,
                cite,
                plugin);
    }

    private static List<String> authors(Object authors) {
        List<String> names = new ArrayList<>();
        for (Object a : list(authors)) {
            String n = a instanceof Map<?, ?> m ? string(m.get("name")) : string(a);
            if (n != null && !n.isBlank()) names.add(n);
        }
        return names;
    }

    private static List<Map<String, Object>> cite(Object cite) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : list(cite)) {
            if (!(c instanceof Map<?, ?> m) || m.get("text") == null) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("text", string(m.get("text")));
            if (m.get("doi") != null) entry.put("doi", string(m.get("doi")));
            else if (m.get("url") != null) entry.put("url", string(m.get("url")));
            else continue;
            out.add(entry);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Tensor tensor(
            Path root, Path file, Map<String, Object> t, boolean v04, String stepsKey, String test04)
            throws BundleException {
        String name = string(t.containsKey("id") ? t.get("id") : t.get("name"));
        List<String> axes = new ArrayList<>();
        int channels = -1;
        int min = -1;
        int step = 0;
        Object ax = t.get("axes");
        if (ax instanceof String letters) { // 0.4: "bcyx", sizes in "shape"
            for (char c : letters.toCharArray()) axes.add(String.valueOf(c));
            Object shape = t.get("shape");
            int ci = letters.indexOf('c');
            int yi = letters.indexOf('y');
            if (shape instanceof List<?> fixed) {
                if (ci >= 0 && ci < fixed.size()) channels = integer(fixed.get(ci));
                if (yi >= 0 && yi < fixed.size()) min = integer(fixed.get(yi));
            } else if (shape instanceof Map<?, ?> stepped && stepped.get("min") instanceof List<?> mins) {
                List<?> steps = stepped.get("step") instanceof List<?> s ? s : List.of();
                if (ci >= 0 && ci < mins.size()) channels = integer(mins.get(ci));
                if (yi >= 0 && yi < mins.size()) {
                    min = integer(mins.get(yi));
                    step = yi < steps.size() ? integer(steps.get(yi)) : 0;
                }
            }
        } else { // 0.5: a list of axis objects
            for (Object o : list(ax)) {
                Map<String, Object> a = (Map<String, Object>) map(o);
                String axisType = string(a.get("type"));
                String id = string(a.get("id"));
                switch (axisType == null ? "" : axisType) {
                    case "batch" -> axes.add("b");
                    case "channel" -> {
                        axes.add("c");
                        channels = list(a.get("channel_names")).size();
                    }
                    case "space" -> {
                        String letter = id == null ? "x" : id;
                        axes.add(letter);
                        if (letter.equals("y")) {
                            Object size = a.get("size");
                            if (size instanceof Number n) {
                                min = n.intValue();
                            } else if (size instanceof Map<?, ?> s && s.get("min") != null) {
                                min = integer(s.get("min"));
                                step = s.get("step") == null ? 0 : integer(s.get("step"));
                            }
                        }
                    }
                    case "time" -> axes.add("t");
                    case "index" -> axes.add("i");
                    default -> axes.add("?" + axisType);
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        for (Object o : list(t.get(stepsKey))) {
            Map<String, Object> s = (Map<String, Object>) map(o);
            steps.add(new Step(string(s.containsKey("id") ? s.get("id") : s.get("name")), (Map<String, Object>)
                    map(s.get("kwargs"))));
        }
        Object range = v04 ? t.get("data_range") : map(t.get("data")).get("range");
        double[] r = null;
        if (range instanceof List<?> lr && lr.size() == 2) r = new double[] {number(lr.get(0)), number(lr.get(1))};
        String testSource = v04 ? test04 : string(map(t.get("test_tensor")).get("source"));
        return new Tensor(name, axes, channels, min, step, steps, r, inside(root, testSource, file, "test tensor"));
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }

    static List<Object> list(Object o) {
        if (o instanceof List<?> l) return new ArrayList<>(l);
        return o == null ? List.of() : List.of(o);
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    static int integer(Object o) {
        return o instanceof Number n
                ? n.intValue()
                : Integer.parseInt(o.toString().trim());
    }

    /** A number, {@code .inf}/{@code -.inf} included (snakeyaml reads those as doubles already). */
    static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        String s = o.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case ".inf", "inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
