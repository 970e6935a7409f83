package io.github.braintumor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.PhantomGenerator;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.report.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * brain-tumor-spark on a real Spark standalone cluster: a master and two workers, each a separate JVM on
 * 127.0.0.1 with 1 core and 2 GB, started from Spark's own jars by {@code bin/spark-local-cluster}; the driver is
 * {@code bin/brain-tumor-spark --master spark://...} in its own process, which ships the plugin, DJL and libtorch
 * jars to the executors (they are not on the workers' class path). Runs in the module's {@code verify}.
 */
class StandaloneClusterIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent(); // the project root, beside spark/
    static final Pattern EXECUTOR =
            Pattern.compile("executor (\\S+) on [^,]+, pid (\\d+): (\\d+) patient\\(s\\), (\\d+) model load");

    @TempDir
    static Path tmp;

    static Path cluster;
    static String master;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(
                Files.isRegularFile(Path.of("target", "jvm.options")), "the module is not packaged (run mvn verify)");
        cluster = tmp.resolve("cluster");
        Run r = run(
                List.of(
                        ROOT.resolve("bin/spark-local-cluster").toString(),
                        "start",
                        "--workers",
                        "2",
                        "--cores",
                        "1",
                        "--memory",
                        "2g",
                        "--dir",
                        cluster.toString()),
                180);
        assertEquals(0, r.code(), r.output());
        master = Files.readString(cluster.resolve("master-url")).strip();
        assertTrue(master.startsWith("spark://127.0.0.1:"), master);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null)
            run(List.of(ROOT.resolve("bin/spark-local-cluster").toString(), "stop", "--dir", cluster.toString()), 60);
    }

    record Run(int code, String output) {}

    static Run run(List<String> command, long seconds) throws Exception {
        Path log = Files.createTempFile(tmp, "run-", ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out after " + seconds + " s: " + command + "\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** The driver as a user starts it: its own JVM, the launcher script, the cluster's master. */
    static ProcessBuilder driver(String... args) {
        List<String> command =
                new ArrayList<>(List.of(ROOT.resolve("bin/brain-tumor-spark").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--master", master));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment()
                .put(
                        "BRAIN_TUMOR_SPARK_JAVA_OPTS",
                        "-Xmx2g -Dspark.executor.memory=1g -Dspark.driver.host=127.0.0.1 -Dspark.ui.enabled=false");
        return pb;
    }

    /** executor id -> {patients, model loads}, from the driver's "executors:" line. */
    static List<long[]> executors(String output) {
        List<long[]> list = new ArrayList<>();
        Matcher m = EXECUTOR.matcher(output);
        while (m.find())
            list.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
        return list;
    }

    @Test
    void evaluateOnTheClusterWritesTheSingleMachineTablesAndEachExecutorLoadsItsModelsOnce() throws Exception {
        Path data = SparkTestData.phantoms(tmp.resolve("eval-data"));
        Path single = tmp.resolve("eval-single");
        EvaluationRequest.builder().setData(data).setOutput(single).build().run(ProgressListener.silent(), () -> false);
        Path out = tmp.resolve("eval-cluster");
        Path log = tmp.resolve("eval-driver.log");
        Process p = driver("evaluate", data.toString(), "--out", out.toString())
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), Files.readString(log));
        String output = Files.readString(log);
        assertEquals(BrainTumorSpark.OK, p.exitValue(), output);
        CohortJobTest.assertSameAsSingle(single, out);
        List<long[]> executors = executors(output);
        assertTrue(!executors.isEmpty(), output);
        long patients = 0;
        for (long[] e : executors) {
            assertTrue(e[0] != ProcessHandle.current().pid(), "a task ran in the test's JVM: " + output);
            assertEquals(1, e[2], "the job's models (UNet and classifier) loaded once per executor: " + output);
            patients += e[1];
        }
        assertEquals(SparkTestData.PATIENTS, patients, output);
    }

    @Test
    void aWorkerKilledMidJobLeavesCompleteOutputsWithoutDuplicates() throws Exception {
        int count = 8;
        PhantomGenerator.builder()
                .optSeed(7)
                .optPatients(count)
                .optSlicesPerPatient(8)
                .optSize(SparkTestData.SIZE)
                .optHospitals("CS", "DU")
                .build()
                .write(tmp.resolve("kill-data"));
        Path data = tmp.resolve("kill-data").resolve("kaggle_3m");
        Path out = tmp.resolve("kill-out");
        Path log = tmp.resolve("kill-driver.log");
        Process p = driver("segment", data.toString(), "--out", out.toString())
                .redirectOutput(log.toFile())
                .start();
        // once the first patient is published into the job's staging folder, the second worker goes (SIGKILL)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (published(out) < 1 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
        assertTrue(p.isAlive(), "the job ended before a worker could be killed:\n" + Files.readString(log));
        long worker =
                Long.parseLong(Files.readString(cluster.resolve("worker-2.pid")).strip());
        ProcessHandle.of(worker).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly); // its executor
            h.destroyForcibly();
        });
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), Files.readString(log));
        String output = Files.readString(log);
        assertEquals(BrainTumorSpark.OK, p.exitValue(), output);
        CsvTable[] single = SparkTestData.assertSegmentedAsSingleMachine(data, SparkTestData.embeddedUnet(), out);
        CsvTable slices = SparkTestData.csv(out.resolve("segmentation.csv"));
        assertEquals(single[0], slices, "every slice once, as the single-machine segment gives it");
        assertEquals(single[1], SparkTestData.csv(out.resolve("volumes.csv")));
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < slices.rowCount(); i++) {
            assertTrue(rows.add(slices.get(i, "patient") + "/" + slices.get(i, "slice")), "duplicate row " + i);
        }
        assertEquals(count * 8, rows.size());
        assertEquals(0, SparkTestData.csv(out.resolve(CohortJob.FAILURES)).rowCount(), output);
        for (String name : SparkTestData.names(out)) {
            assertTrue(!name.contains(".tmp-") && !name.contains(".old-"), "leftover " + name);
        }
        assertEquals(count, LggDataset.index(data).patients().size());
    }

    /** Patients published so far: folders in the job's staging folder beside {@code out}. */
    static long published(Path out) throws IOException {
        long n = 0;
        try (var s = Files.list(out.getParent())) {
            for (Path staging : s.filter(f -> f.getFileName().toString().contains("staging"))
                    .toList()) {
                try (var in = Files.list(staging)) {
                    n += in.filter(f -> f.getFileName().toString().startsWith("TCGA_"))
                            .count();
                }
            }
        }
        return n;
    }
}
