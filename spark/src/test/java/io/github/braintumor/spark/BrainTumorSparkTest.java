package io.github.braintumor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: user mistakes are one line and exit 2 before Spark starts; a run in local[2] exits 0. */
class BrainTumorSparkTest {
    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void setUp() throws Exception {
        data = SparkTestData.phantoms(tmp.resolve("data"));
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BrainTumorSpark.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertUsage(Run r, String expected) {
        assertEquals(BrainTumorSpark.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() throws Exception {
        String out = tmp.resolve("out").toString();
        assertUsage(run("evaluate", tmp.resolve("missing").toString(), "--out", out), "input folder not found");
        assertUsage(
                run("evaluate", Files.createDirectories(tmp.resolve("empty")).toString(), "--out", out),
                "no patient folders");
        assertUsage(run("evaluate", data.toString(), "--out", out, "--master", "locale[2]"), "not a Spark master");
        assertUsage(run("evaluate", data.toString()), "--output DIR is required");
        assertUsage(run("classify", data.toString(), "--out", out), "unknown command");
        assertUsage(run("evaluate", data.toString(), "--out", out, "--frobnicate"), "unknown option");
        assertUsage(
                run("evaluate", data.toString(), "--out", out, "--predictions", out), "unknown option --predictions");
        assertUsage(run("evaluate", data.toString(), "--out", out, "--threshold", "2"), "between 0 and 1");
        assertUsage(run("segment", data.toString(), "--out", out, "--tta"), "for evaluate");
        assertUsage(run("segment", data.toString(), "--out", out, "--modalities", "flair-only"), "are for evaluate");
        assertUsage(run("evaluate", data.toString(), "--out", out, "--modalities", "grey"), "unknown condition 'grey'");
        assertUsage(
                run(
                        "evaluate",
                        data.toString(),
                        "--out",
                        out,
                        "--unet",
                        tmp.resolve("nope").toString()),
                "model bundle folder not found");
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.docx"), "x");
        assertUsage(run("segment", data.toString(), "--out", foreign.toString()), "did not write");
        assertUsage(run("segment", data.toString(), "--out", data.resolve("x").toString()), "input");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void masterStrings() throws Exception {
        for (String ok : List.of(
                "local",
                "local[2]",
                "local[*]",
                "local[2,4]",
                "spark://host:7077",
                "yarn",
                "k8s://https://host:6443")) {
            assertEquals(ok, BrainTumorSpark.master(ok));
        }
        List<String> bad = new ArrayList<>(List.of("local[]", "local[two]", "cluster", ""));
        for (String b : bad) {
            try {
                BrainTumorSpark.master(b);
                throw new AssertionError("accepted " + b);
            } catch (UsageException expected) {
                assertTrue(expected.getMessage().contains("local[N]"));
            }
        }
    }

    @Test
    void segmentRunsInLocalModeAndWritesSegmentsLayout() throws Exception {
        Path out = tmp.resolve("seg");
        Run r = run(
                "segment",
                data.toString(),
                "--out",
                out.toString(),
                "--master",
                "local[2]",
                "--unet",
                SparkTestData.embeddedUnet().toString());
        assertEquals(BrainTumorSpark.OK, r.code(), r.err());
        assertTrue(r.out().contains("3 patient(s)"), r.out());
        List<String> names = SparkTestData.names(out);
        assertTrue(
                names.containsAll(List.of("segmentation.csv", "volumes.csv", "failures.csv", ".brain-tumor-output")),
                names.toString());
        String patient = SparkTestData.names(data).stream()
                .filter(n -> n.startsWith("TCGA_"))
                .findFirst()
                .orElseThrow();
        // segment's layout: <out>/<patient>/<image stem>_pred.tif
        assertTrue(
                Files.isRegularFile(out.resolve(patient).resolve(patient + "_1_pred.tif")),
                SparkTestData.names(out.resolve(patient)).toString());
    }

    @Test
    void aFailedPatientMakesTheExitCodeSayItAsTheCliDoes() throws Exception {
        Path copy = tmp.resolve("one-broken");
        Path kaggle = SparkTestData.phantoms(copy);
        Path broken = io.github.braintumor.data.LggDataset.index(kaggle)
                .patients()
                .get(0)
                .slices()
                .get(0)
                .image();
        Files.write(broken, new byte[] {'I', 'I', 42, 0, 1, 2, 3});
        Path out = tmp.resolve("seg-broken");
        Run r = run(
                "segment",
                kaggle.toString(),
                "--out",
                out.toString(),
                "--master",
                "local[1]",
                "--unet",
                SparkTestData.embeddedUnet().toString());
        assertEquals(BrainTumorSpark.FAILED, r.code(), r.err());
        assertTrue(r.err().contains("1 failed") || r.out().contains("1 failed"), r.out() + r.err());
        assertEquals(1, SparkTestData.csv(out.resolve(CohortJob.FAILURES)).rowCount());
    }
}
