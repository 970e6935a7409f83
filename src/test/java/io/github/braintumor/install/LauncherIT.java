package io.github.braintumor.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.PhantomGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/brain-tumor} as a user starts it (after {@code package}): paths that are not ASCII under LANG=C. */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void nonAsciiPathsWorkUnderTheCLocale() throws Exception {
        Path data = tmp.resolve("Patiënten-données");
        PhantomGenerator.builder()
                .optSeed(4)
                .optPatients(1)
                .optSlicesPerPatient(3)
                .build()
                .write(data);
        Path out = tmp.resolve("Ergebnisse-ü");
        ProcessBuilder pb = new ProcessBuilder("bin/brain-tumor", "segment", data.toString(), "--out", out.toString())
                .redirectErrorStream(true);
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("BRAIN_TUMOR_THREADS", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> masks =
                    files.filter(f -> f.toString().endsWith("_pred.tif")).toList();
            assertEquals(3, masks.size(), output);
        }
    }

    @Test
    void theFirstRunWritesTheClassArchiveWholeAndLaterRunsUseIt() throws Exception {
        Path target = Path.of("target");
        try (Stream<Path> old = Files.list(target)) {
            for (Path f : old.filter(f -> f.getFileName().toString().startsWith("brain-tumor-"))
                    .toList()) {
                Files.delete(f);
            }
        }
        Path data = tmp.resolve("data");
        PhantomGenerator.builder()
                .optSeed(4)
                .optPatients(1)
                .optSlicesPerPatient(2)
                .build()
                .write(data);
        String[] outputs = new String[2];
        for (int run = 0; run < 2; run++) {
            ProcessBuilder pb = new ProcessBuilder(
                    "bin/brain-tumor",
                    "segment",
                    data.toString(),
                    "--out",
                    tmp.resolve("out" + run).toString());
            pb.environment().put("BRAIN_TUMOR_THREADS", "1");
            Process p = pb.start();
            outputs[run] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), err);
            assertEquals(0, p.exitValue(), err);
            assertTrue(!err.contains("[cds]") && !outputs[run].contains("[cds]"), "archive messages shown:\n" + err);
            try (Stream<Path> files = Files.list(target)) {
                List<String> archives = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("brain-tumor-"))
                        .toList();
                assertEquals(1, archives.size(), archives.toString()); // no temporary left, nothing half-written
                assertTrue(archives.get(0).endsWith(".jsa"), archives.toString());
            }
        }
        assertEquals(outputs[0].replace("out0", "out1"), outputs[1]);
    }

    @Test
    void anUnwritableEngineCacheIsOneLineSayingWhereAndHow() throws Exception {
        Path data = tmp.resolve("data");
        PhantomGenerator.builder()
                .optSeed(4)
                .optPatients(1)
                .optSlicesPerPatient(2)
                .build()
                .write(data);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve(".djl.ai"), "a file where DJL wants its cache folder");
        ProcessBuilder pb = new ProcessBuilder(
                        "bin/brain-tumor",
                        "segment",
                        data.toString(),
                        "--out",
                        tmp.resolve("out").toString())
                .redirectErrorStream(true);
        pb.environment().put("BRAIN_TUMOR_JAVA_OPTS", "-Xmx1g -Duser.home=" + home);
        pb.environment().remove("ENGINE_CACHE_DIR");
        pb.environment().remove("DJL_CACHE_DIR");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(2, p.exitValue(), output);
        assertTrue(
                output.contains("Cannot extract libtorch into Deep Java Library's cache")
                        && output.contains("ENGINE_CACHE_DIR"),
                output);
        assertTrue(!output.contains("\tat "), "a stack trace for a set-up the user can fix:\n" + output);
    }
}
