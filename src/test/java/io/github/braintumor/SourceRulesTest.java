package io.github.braintumor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Habits the compiler does not check. Every number the plugin formats goes through {@code Locale.ROOT}: under a
 * German or French default locale {@code %.4f} writes "0,8421", which breaks CSV columns and macros that parse them.
 */
class SourceRulesTest {
    private static final Pattern FORMAT = Pattern.compile("(String\\.format|\\.printf|\\.format)\\(\\s*([^\\s])");
    private static final Pattern FORMATTED = Pattern.compile("\\.formatted\\(");

    static List<String> unlocalizedFormats(String source, String file) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().startsWith("*") || line.trim().startsWith("//")) continue; // Javadoc and comments
            Matcher m = FORMAT.matcher(line);
            while (m.find()) {
                boolean isStringFormat = m.group(1).equals("String.format");
                boolean isPrintf = m.group(1).equals(".printf");
                if (!isStringFormat && !isPrintf) continue; // other .format(...) APIs (DateTimeFormatter, ...)
                String rest = line.substring(m.start(2));
                if (!rest.startsWith("Locale.") && !rest.startsWith("java.util.Locale.")) {
                    found.add(file + ":" + (i + 1) + ": " + line.trim());
                }
            }
            if (FORMATTED.matcher(line).find()) found.add(file + ":" + (i + 1) + ": " + line.trim());
        }
        return found;
    }

    @Test
    void everyNumberFormatNamesItsLocale() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : new Path[] {Path.of("src/main/java"), Path.of("spark/src/main/java")}) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    found.addAll(unlocalizedFormats(Files.readString(f), f.toString()));
                }
            }
        }
        assertTrue(found.isEmpty(), "String.format/printf without Locale.ROOT:\n" + String.join("\n", found));
    }

    @Test
    void theRuleSeesWhatItShould() {
        assertEquals(
                2,
                unlocalizedFormats("a = String.format(\"%.2f\", x);\nout.printf(\"%d%n\", n);", "F")
                        .size());
        assertEquals(1, unlocalizedFormats("s = \"%d\".formatted(3);", "F").size());
        assertEquals(
                0,
                unlocalizedFormats(
                                "a = String.format(Locale.ROOT, \"%.2f\", x);\n"
                                        + "out.printf(java.util.Locale.ROOT, \"%d\", 1);\n * String.format(\"%d\", 1) in Javadoc",
                                "F")
                        .size());
    }
}
