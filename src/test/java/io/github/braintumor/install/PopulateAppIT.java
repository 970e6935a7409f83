package io.github.braintumor.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's install command, for real: {@code scijava-maven-plugin:populate-app} copies the packaged plugin and
 * its runtime jars into an empty Fiji.app (under {@code target/it-fiji}) and we check what lands where.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after {@code package}). The nested Maven runs {@code jar:jar} (a no-op on
 * the up-to-date jar; it registers the jar as the project artifact, which populate-app needs and which a lone
 * populate-app call does not have) and then populate-app. populate-app refuses offline mode, so the nested Maven
 * runs online (without {@code -o}; all it needs is in the local repository after the outer build). Skipped when
 * {@code mvn} is not on the PATH. By hand:
 * <pre>mvn -B package org.scijava:scijava-maven-plugin:3.0.1:populate-app -Dscijava.app.directory=/path/to/Fiji.app</pre>
 */
class PopulateAppIT {
    private static final String POPULATE_APP = "org.scijava:scijava-maven-plugin:3.0.1:populate-app";

    @Test
    void populateAppInstallsPluginAndDjlJarsButNotFijisOwnOrTestJars() throws Exception {
        Path mvn = findOnPath(isWindows() ? "mvn.cmd" : "mvn");
        Assumptions.assumeTrue(mvn != null, "mvn is not on the PATH: cannot run populate-app in a subprocess");

        String version = System.getProperty("project.version");
        assertNotNull(version, "project.version system property missing: run through mvn verify (failsafe)");
        Path project = Paths.get("").toAbsolutePath();
        Path packaged = project.resolve("target/Brain_Tumor-" + version + ".jar");
        assertTrue(Files.isRegularFile(packaged), packaged + " missing: run mvn package first");

        Path work = project.resolve("target/it-fiji");
        deleteRecursively(work);
        Path app = work.resolve("Fiji.app");
        Path jars = Files.createDirectories(app.resolve("jars"));
        Path plugins = Files.createDirectories(app.resolve("plugins"));
        // What a real Fiji.app holds already: its own ImageJ 1 (must stay untouched), and older copies of ours.
        Path fijiIj = dummyJar(jars.resolve("ij-1.54p.jar"));
        byte[] fijiIjBytes = Files.readAllBytes(fijiIj);
        Path olderDjl = dummyJar(jars.resolve("api-0.35.0.jar"));
        Path olderPlugin = dummyJar(plugins.resolve("Brain_Tumor-0.0.1.jar"));

        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-q"));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) command.add("-Dmaven.repo.local=" + repo);
        command.addAll(List.of("jar:jar", POPULATE_APP, "-Dscijava.app.directory=" + app));
        Path log = work.resolve("populate-app.log");
        Process process = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("populate-app took over 3 minutes; log: " + log);
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + tail(log));

        // The plugin: plugins/, with plugins.config inside so ImageJ 1 lists its menu entries.
        Path plugin = plugins.resolve("Brain_Tumor-" + version + ".jar");
        assertTrue(Files.isRegularFile(plugin), "plugin jar not in plugins/: " + listing(app));
        try (ZipFile zip = new ZipFile(plugin.toFile())) {
            assertNotNull(zip.getEntry("plugins.config"), "plugins.config missing in " + plugin);
            assertNotNull(zip.getEntry("META-INF/json/org.scijava.plugin.Plugin"), "SciJava index missing");
        }
        // Deep Java Library with the PyTorch engine: jars/.
        assertTrue(Files.isRegularFile(jars.resolve("api-0.36.0.jar")), listing(app));
        assertTrue(Files.isRegularFile(jars.resolve("pytorch-engine-0.36.0.jar")), listing(app));
        assertEquals(1, matching(jars, "pytorch-jni-.*-0\\.36\\.0\\.jar").size(), listing(app));
        assertEquals(1, matching(jars, "snakeyaml-2\\..*\\.jar").size(), listing(app)); // bioimage.io rdf.yaml
        // The native libtorch jar goes to the platform folder, where Fiji's launcher adds it for this OS only.
        List<Path> natives = matching(app, "pytorch-native-cpu-.*\\.jar");
        assertEquals(1, natives.size(), listing(app));
        if (isLinuxX64()) {
            assertEquals(jars.resolve("linux64"), natives.get(0).getParent());
        } else {
            assertFalse(natives.get(0).getParent().equals(jars), "native jar in jars/ itself: " + natives);
        }
        // Older versions are replaced, Fiji's own ImageJ is left alone.
        assertFalse(Files.exists(olderDjl), "older DJL api not removed: " + listing(app));
        assertFalse(Files.exists(olderPlugin), "older plugin jar not removed: " + listing(app));
        assertArrayEquals(fijiIjBytes, Files.readAllBytes(fijiIj), "Fiji's ij.jar was overwritten");

        // Exactly these artifacts (versions aside): provided (ij, scijava-common, imglib2) and test jars
        // (junit, slf4j-simple) stay out.
        Set<String> expected = new TreeSet<>(List.of(
                "Brain_Tumor",
                "ij",
                "api",
                "pytorch-engine",
                "pytorch-jni",
                "pytorch-native-cpu",
                "gson",
                "jna",
                "commons-codec",
                "commons-compress",
                "commons-io",
                "slf4j-api",
                "snakeyaml"));
        Set<String> installed;
        try (Stream<Path> files = Files.walk(app)) {
            installed = files.filter(p -> p.toString().endsWith(".jar"))
                    .map(p -> p.getFileName().toString().replaceFirst("-\\d.*$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, installed, listing(app));
    }

    private static Path dummyJar(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("dummy.txt"));
            zip.write(path.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return path;
    }

    private static List<Path> matching(Path dir, String regex) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(regex)).collect(Collectors.toList());
        }
    }

    private static String listing(Path app) {
        try (Stream<Path> files = Files.walk(app)) {
            return "Fiji.app holds "
                    + files.filter(Files::isRegularFile)
                            .map(p -> app.relativize(p).toString())
                            .sorted()
                            .collect(Collectors.toList());
        } catch (IOException e) {
            return "Fiji.app unreadable: " + e;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static boolean isLinuxX64() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
    }
}
