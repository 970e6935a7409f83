package io.github.braintumor.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs a macro in real ImageJ 1.54p in a separate JVM under Xvfb, as a user's {@code ImageJ -batch} would:
 * an ImageJ folder {@code target/ij-test} whose {@code plugins/Brain_Tumor-test.jar} carries plugins.config,
 * classes and dependencies on the class path.
 */
final class ImageJRunner {
    record Result(int exitCode, String output) {}

    private ImageJRunner() {}

    /** Null when runnable, else why not (printed by the skipping test). */
    static String unavailableReason() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, "xvfb-run"))) return null;
        }
        return "xvfb-run not found: install the xvfb package to run the ImageJ 1 macro tests";
    }

    /** Builds (once per JVM) the ImageJ folder with the plugin jar. */
    static synchronized Path imagejDir() throws IOException {
        Path dir = Paths.get("target", "ij-test").toAbsolutePath();
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Path classes = Paths.get("target", "classes").toAbsolutePath();
        if (!Files.isRegularFile(classes.resolve("plugins.config"))) {
            throw new IOException(
                    "target/classes/plugins.config missing: run the tests through Maven (process-resources)");
        }
        Path jar = plugins.resolve("Brain_Tumor-test.jar");
        Path tmp = Files.createTempFile(plugins, ".jar-", ".tmp");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        Files.move(
                tmp,
                jar,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /** Runs {@code macros/<name>} with the argument string; returns exit code and the combined output. */
    static Result runMacro(String name, String argument, long timeoutSeconds) throws Exception {
        return runMacro(name, argument, timeoutSeconds, List.of());
    }

    /** {@link #runMacro(String, String, long)} with more JVM options (e.g. a fresh {@code -Duser.home}). */
    static Result runMacro(String name, String argument, long timeoutSeconds, List<String> jvmOptions)
            throws Exception {
        return runMacroFile(Paths.get("macros", name).toAbsolutePath(), argument, timeoutSeconds, jvmOptions);
    }

    /** Runs a macro written by the test itself (e.g. one that calls a command with no image open). */
    static Result runMacroText(String text, String argument, long timeoutSeconds) throws Exception {
        Path file = Files.createTempFile(Paths.get("target"), "test-macro-", ".ijm");
        Files.writeString(file, text);
        try {
            return runMacroFile(file.toAbsolutePath(), argument, timeoutSeconds, List.of());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Result runMacroFile(Path macro, String argument, long timeoutSeconds, List<String> jvmOptions)
            throws Exception {
        Path ij = imagejDir();
        String name = macro.getFileName().toString();
        // The plugin jar is found by ImageJ; its dependencies (and ImageJ itself) come from this JVM's class path,
        // minus target/classes so the plugin classes load from the jar as in a real installation.
        String classes = Paths.get("target", "classes").toAbsolutePath().toString();
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Paths.get(e).toAbsolutePath().toString().equals(classes)) cp.add(e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                "xvfb-run",
                "-a",
                javaBin(),
                "-Xmx3g",
                "-Dplugins.dir=" + ij,
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Djava.util.prefs.userRoot=" + Paths.get("target", "prefs").toAbsolutePath(),
                "-D" + PluginOptions.FILE_PROPERTY + "=" + ij.resolve("options.properties"),
                "-cp",
                String.join(File.pathSeparator, cp),
                "ij.ImageJ",
                "-ijpath",
                ij.toString(),
                "-batch",
                macro.toString(),
                argument));
        cmd.addAll(3, jvmOptions); // after xvfb-run -a java
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path log = Files.createTempFile(Paths.get("target"), "ij-macro-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(
                    "macro " + name + " timed out after " + timeoutSeconds + " s; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Result(p.exitValue(), output);
    }

    private static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
