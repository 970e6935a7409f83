package io.github.braintumor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module uses the plugin's core only: no ImageJ, SciJava, nor the Fiji-side packages of the plugin. */
class SparkModuleRulesTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(ij\\.|net\\.imagej\\.|org\\.scijava\\.|io\\.github\\.braintumor\\.(fiji|imagej|cli)\\.)",
            Pattern.MULTILINE);

    @Test
    void importsNoFijiPackages() throws Exception {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return FORBIDDEN.matcher(Files.readString(p)).find();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyPackageHasPackageInfo() throws Exception {
        try (Stream<Path> dirs = Files.walk(Path.of("src/main/java"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> s = Files.list(d)) {
                    hasJava = s.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasJava) assertEquals(true, Files.isRegularFile(d.resolve("package-info.java")), d.toString());
            }
        }
    }
}
