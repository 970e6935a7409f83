package io.github.braintumor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays free of Fiji: only the Fiji layer, the CLI and the ImagePlus bridge may import ImageJ or SciJava. */
class ArchitectureTest {

    private static final Path MAIN = Paths.get("src/main/java/io/github/braintumor");
    private static final Set<String> FIJI_PACKAGES = Set.of("fiji", "imageplus");
    private static final Pattern FIJI_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?(ij|org\\.scijava|net\\.imagej)\\.", Pattern.MULTILINE);

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void corePackagesDoNotImportImageJOrSciJava() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources = sources();
        assertTrue(sources.size() > 1, "no sources found under " + MAIN.toAbsolutePath());
        for (Path source : sources) {
            Path relative = MAIN.relativize(source);
            String topPackage =
                    relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            if (FIJI_PACKAGES.contains(topPackage)) continue;
            if (FIJI_IMPORT.matcher(Files.readString(source)).find()) offenders.add(relative.toString());
        }
        assertEquals(
                List.of(),
                offenders,
                "core classes importing ij.* / org.scijava.* (move that code to fiji or imageplus)");
    }

    /**
     * The layering as a table: which project packages each package may use (imports and fully qualified names).
     * Any other arrow fails. Progress reporting ({@code progress}) depends on nothing, so inference no longer
     * reaches into {@code train}, and the learning curve a bundle carries is {@code model.LearningCurve}, so
     * {@code eval} does not use {@code train} either. The Fiji-free use cases shared by the CLI and Fiji live in
     * {@code app}.
     */
    private static final java.util.Map<String, Set<String>> ALLOWED = java.util.Map.ofEntries(
            java.util.Map.entry("io", Set.of()),
            java.util.Map.entry("engine", Set.of()),
            java.util.Map.entry("nn", Set.of()),
            java.util.Map.entry("progress", Set.of()),
            java.util.Map.entry("data", Set.of("io")),
            java.util.Map.entry("report", Set.of("io")),
            java.util.Map.entry("metrics", Set.of("data")),
            java.util.Map.entry("conversion", Set.of("data", "metrics")),
            java.util.Map.entry("model", Set.of("engine", "io", "nn", "conversion")),
            java.util.Map.entry("infer", Set.of("data", "engine", "metrics", "model", "nn", "progress", "conversion")),
            java.util.Map.entry(
                    "train",
                    Set.of("data", "engine", "infer", "io", "metrics", "model", "nn", "progress", "conversion")),
            java.util.Map.entry(
                    "eval",
                    Set.of("data", "engine", "infer", "io", "metrics", "model", "progress", "report", "conversion")),
            // app.SegmentationTables: the segment command's CSV tables, shared by the CLI and the Spark module
            java.util.Map.entry(
                    "app",
                    Set.of(
                            "args",
                            "bioimageio",
                            "data",
                            "engine",
                            "eval",
                            "infer",
                            "io",
                            "metrics",
                            "model",
                            "nn",
                            "progress",
                            "report",
                            "conversion",
                            "train")),
            // bioimageio writes our UNet (nn) as TorchScript with inference's graph code (infer)
            java.util.Map.entry(
                    "bioimageio",
                    Set.of("data", "engine", "infer", "io", "metrics", "model", "nn", "report", "conversion")),
            java.util.Map.entry("args", Set.of()),
            java.util.Map.entry("imageplus", Set.of("data", "conversion")),
            java.util.Map.entry(
                    "fiji",
                    Set.of(
                            "args",
                            "app",
                            "bioimageio",
                            "data",
                            "engine",
                            "eval",
                            "imageplus",
                            "infer",
                            "io",
                            "metrics",
                            "model",
                            "nn",
                            "progress",
                            "report",
                            "conversion",
                            "train")),
            // the CLI shares the use cases with Fiji through app; it reads ImageJ TIFFs through the imagej bridge
            java.util.Map.entry(
                    "cli",
                    Set.of(
                            "app",
                            "args",
                            "bioimageio",
                            "data",
                            "engine",
                            "eval",
                            "imageplus",
                            "io",
                            "metrics",
                            "model",
                            "nn",
                            "progress",
                            "report",
                            "conversion",
                            "train")),
            java.util.Map.entry("", Set.of())); // the root package (Version)

    private static final Pattern PROJECT_REFERENCE = Pattern.compile("io\\.github\\.braintumor\\.([a-z0-9]+)\\.");

    @Test
    void packagesUseOnlyTheLayersBelowThem() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources = sources();
        for (Path source : sources) {
            Path relative = MAIN.relativize(source);
            String from = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            Set<String> allowed = ALLOWED.get(from);
            assertTrue(allowed != null, "package " + from + " is missing from the layering table");
            var m = PROJECT_REFERENCE.matcher(Files.readString(source));
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && !allowed.contains(to)) offenders.add(relative + " -> " + to);
            }
        }
        assertEquals(
                List.of(),
                offenders.stream().distinct().toList(),
                "arrows the layering table does not allow (move the code, or change the table on purpose)");
    }

    @Test
    void layeringDetectorSeesImportsAndQualifiedNames() {
        var m = PROJECT_REFERENCE.matcher(
                "import io.github.braintumor.fiji.Images;\nx = io.github.braintumor.cli.Main.run();");
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1));
        assertEquals(List.of("fiji", "cli"), found);
        assertTrue(!ALLOWED.get("data").contains("fiji")
                && !ALLOWED.get("train").contains("fiji")
                && !ALLOWED.get("app").contains("fiji")
                && !ALLOWED.get("progress").contains("train")
                && !ALLOWED.get("cli").contains("fiji"));
    }

    @Test
    void detectorCatchesAnImport() {
        assertTrue(FIJI_IMPORT.matcher("package x;\nimport ij.ImagePlus;\n").find());
        assertTrue(FIJI_IMPORT.matcher("import org.scijava.Context;").find());
        assertTrue(!FIJI_IMPORT.matcher("import io.github.braintumor.ij1.Foo;").find());
    }
}
