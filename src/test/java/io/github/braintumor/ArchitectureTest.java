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
    private static final Set<String> FIJI_PACKAGES = Set.of("fiji", "cli", "imagej");
    private static final Pattern FIJI_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?(ij|org\\.scijava|net\\.imagej)\\.", Pattern.MULTILINE);

    @Test
    void corePackagesDoNotImportImageJOrSciJava() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 1, "no sources found under " + MAIN.toAbsolutePath());
        for (Path source : sources) {
            Path relative = MAIN.relativize(source);
            String topPackage = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            if (FIJI_PACKAGES.contains(topPackage)) continue;
            if (FIJI_IMPORT.matcher(Files.readString(source)).find()) offenders.add(relative.toString());
        }
        assertEquals(List.of(), offenders, "core classes importing ij.* / org.scijava.* (move that code to fiji, cli or imagej)");
    }

    @Test
    void detectorCatchesAnImport() {
        assertTrue(FIJI_IMPORT.matcher("package x;\nimport ij.ImagePlus;\n").find());
        assertTrue(FIJI_IMPORT.matcher("import org.scijava.Context;").find());
        assertTrue(!FIJI_IMPORT.matcher("import io.github.braintumor.ij1.Foo;").find());
    }
}
