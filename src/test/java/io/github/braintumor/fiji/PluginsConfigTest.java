package io.github.braintumor.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/** plugins.config (ImageJ 1) and the SciJava commands offer the same menu labels, so Fiji overrides one by one. */
class PluginsConfigTest {
    private static final Pattern LINE = Pattern.compile("Plugins>Brain Tumor, \"(.+)\", (\\S+)");

    @Test
    void everySciJavaCommandHasAnImageJ1TwinWithTheSameLabel() throws Exception {
        Map<String, String> ij1 = new TreeMap<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) ij1.put(m.group(1), m.group(2));
        }
        Map<String, String> scijava = new TreeMap<>();
        try (Context context = new Context(CommandService.class)) {
            for (CommandInfo info : context.service(CommandService.class).getCommands()) {
                String path =
                        info.getMenuPath() == null ? "" : info.getMenuPath().getMenuString(false);
                if (info.getClassName().startsWith("io.github.braintumor.")) {
                    assertEquals("Plugins > Brain Tumor", path);
                    scijava.put(info.getMenuPath().getLeaf().getName(), info.getClassName());
                }
            }
        }
        assertEquals(scijava.keySet(), ij1.keySet());
        assertEquals(13, ij1.size());
        for (String cls : ij1.values()) {
            assertTrue(PlugIn.class.isAssignableFrom(Class.forName(cls)), cls + " is not an ImageJ PlugIn");
        }
    }
}
