package io.github.braintumor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.eval.Evaluation;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.report.CsvTable;
import io.github.braintumor.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs in local[2,4] on three phantom patients: the same numbers as the single-machine evaluate, a task
 * killed half-way through a patient redone without duplicates, a corrupt patient in failures.csv, remote inputs
 * copied per task, and (when ../shared/lgg is there) two real patients.
 */
class CohortJobTest {
    /** evaluate's tables that must agree number for number. */
    static final List<String> TABLES = List.of(
            "per_slice.csv",
            "per_patient.csv",
            "per_hospital.csv",
            "per_position.csv",
            "thresholds.csv",
            "postprocessing.csv");

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static Path data;
    static Path unet;
    static Path single;
    static List<String> ids;

    @BeforeAll
    static void setUp() throws Exception {
        data = SparkTestData.phantoms(tmp.resolve("data"));
        unet = SparkTestData.embeddedUnet();
        ids = LggDataset.index(data).patients().stream().map(p -> p.id()).toList();
        single = tmp.resolve("single");
        request(data, single, null).run(ProgressListener.silent(), () -> false);
        spark = SparkTestData.spark();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) spark.stop();
    }

    /** The single-machine evaluate with the options the Spark jobs below use. */
    static EvaluationRequest request(Path data, Path out, String patients) {
        return EvaluationRequest.builder()
                .setData(data)
                .setOutput(out)
                .optUnet(unet)
                .optTta(patients == null)
                .optLargestComponent(true)
                .optMinimumArea(10)
                .optPatients(patients)
                .build();
    }

    static CohortJob.Builder evaluate(Path out, String... inputs) {
        CohortJob.Builder b = CohortJob.builder(Command.EVALUATE)
                .setOutput(out)
                .optUnet(unet)
                .optTta(true)
                .optLargestComponent(true)
                .optMinimumArea(10)
                .optLog(s -> {});
        for (String in : inputs) b.addInput(in);
        return b;
    }

    static void assertSameAsSingle(Path single, Path spark) throws Exception {
        for (String t : TABLES) {
            assertEquals(SparkTestData.csv(single.resolve(t)), SparkTestData.csv(spark.resolve(t)), t);
        }
        Map<String, Object> a = Json.read(single.resolve("summary.json"));
        Map<String, Object> b = Json.read(spark.resolve("summary.json"));
        for (String timing : List.of("seconds", "slices_per_second")) {
            a.remove(timing);
            b.remove(timing);
        }
        assertEquals(a, b, "summary.json apart from the timings");
    }

    @Test
    void evaluateGivesTheNumbersOfTheSingleMachineEvaluate() throws Exception {
        int loads = WorkerModels.loads();
        Path out = tmp.resolve("spark-eval");
        CohortResult r = evaluate(out, data.toString()).optParquet(true).build().run(spark);
        assertEquals(ids, r.done());
        assertTrue(r.failures().isEmpty());
        assertSameAsSingle(single, out);
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertEquals(
                1, SparkTestData.csv(out.resolve(CohortJob.FAILURES)).columns().indexOf("location"));
        assertEquals(0, SparkTestData.csv(out.resolve(CohortJob.FAILURES)).rowCount());
        // loaded once per task slot (two), not once per patient (three)
        assertTrue(WorkerModels.loads() - loads <= 2, "model loads: " + (WorkerModels.loads() - loads));

        // each patient: its masks (segment's names) and its own share of the tables
        CsvTable perSlice = SparkTestData.csv(out.resolve("per_slice.csv"));
        for (String id : ids) {
            Path dir = out.resolve("patients").resolve(id);
            assertEquals(
                    SparkTestData.SLICES,
                    SparkTestData.names(dir).stream()
                            .filter(n -> n.endsWith("_pred.tif"))
                            .count(),
                    id);
            CsvTable mine = SparkTestData.csv(dir.resolve("per_slice.csv"));
            assertEquals(SparkTestData.SLICES, mine.rowCount());
            for (int i = 0; i < mine.rowCount(); i++) assertTrue(perSlice.rows().contains(mine.row(i)));
            assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
        }
        // the masks are the evaluated (selected) variant: evaluate --predictions on them counts the same pixels
        Path again = tmp.resolve("predictions-eval");
        Evaluation.ofPredictions(LggDataset.index(data), out.resolve("patients"))
                .setOutput(again)
                .build()
                .run();
        CsvTable fromMasks = SparkTestData.csv(again.resolve("per_slice.csv"));
        for (String column : List.of("tp", "fp", "fn", "tn")) {
            assertEquals(perSlice.column(column), fromMasks.column(column), column);
        }

        // the per-slice DataFrame, and its Parquet copy
        Dataset<Row> df = r.perSlice(spark);
        assertEquals(SparkTestData.PATIENTS * SparkTestData.SLICES, df.count());
        assertEquals(SparkTestData.PATIENTS, df.select("patient").distinct().count());
        long tp = perSlice.column("tp").stream().mapToLong(Long::parseLong).sum();
        assertEquals(
                tp, df.agg(org.apache.spark.sql.functions.sum("tp")).first().getLong(0));
        assertEquals(
                df.count(),
                spark.read().parquet(out.resolve(CohortJob.PARQUET).toString()).count());

        // again with --overwrite: the same numbers, and a file of the user's in the folder is kept, never recorded
        Files.writeString(out.resolve("notes.txt"), "mine");
        evaluate(out, data.toString()).optOverwrite(true).build().run(spark);
        assertSameAsSingle(single, out);
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.readString(out.resolve(".brain-tumor-output")).contains("notes.txt"));
    }

    @Test
    void aTaskKilledHalfWayThroughAPatientIsRedoneWithoutDuplicates() throws Exception {
        Path out = tmp.resolve("spark-fault");
        int fired = FaultInjection.fired();
        System.setProperty(FaultInjection.PROPERTY, ids.get(1)); // dies half-way through its masks
        System.setProperty(FaultInjection.AFTER_PUBLISH, ids.get(2)); // dies after its folder is complete
        CohortResult r;
        try {
            r = evaluate(out, data.toString()).build().run(spark);
        } finally {
            System.clearProperty(FaultInjection.PROPERTY);
            System.clearProperty(FaultInjection.AFTER_PUBLISH);
        }
        assertEquals(fired + 2, FaultInjection.fired(), "each fault fired once, on the first attempt");
        assertEquals(ids, r.done());
        assertSameAsSingle(single, out);
        CsvTable perSlice = SparkTestData.csv(out.resolve("per_slice.csv"));
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < perSlice.rowCount(); i++) {
            assertTrue(keys.add(perSlice.get(i, "patient") + "/" + perSlice.get(i, "slice")), "duplicate row " + i);
        }
        assertEquals(SparkTestData.PATIENTS * SparkTestData.SLICES, keys.size());
        // no half-written folder is left: only the complete patient folders
        assertEquals(ids, SparkTestData.names(out.resolve("patients")));
        for (String id : ids.subList(1, 3)) { // redone: one complete folder each, its tables once
            Path redone = out.resolve("patients").resolve(id);
            assertEquals(
                    SparkTestData.SLICES,
                    SparkTestData.names(redone).stream()
                            .filter(n -> n.endsWith("_pred.tif"))
                            .count());
            assertEquals(
                    SparkTestData.SLICES,
                    SparkTestData.csv(redone.resolve("per_slice.csv")).rowCount());
        }
    }

    @Test
    void patientsAndInputConditionsGiveTheSingleMachineEvaluatesTables() throws Exception {
        String two = ids.get(0) + "," + ids.get(2);
        Path singleConditions = tmp.resolve("single-conditions");
        EvaluationRequest.builder()
                .setData(data)
                .setOutput(singleConditions)
                .optUnet(unet)
                .optPatients(two)
                .optConditions(io.github.braintumor.eval.InputCondition.parse("as-is,flair-only", "0.5", ""))
                .build()
                .run(ProgressListener.silent(), () -> false);
        Path out = tmp.resolve("spark-conditions");
        CohortJob.builder(Command.EVALUATE)
                .addInput(data.toString())
                .setOutput(out)
                .optUnet(unet)
                .optPatients(two)
                .optConditions("as-is,flair-only", "0.5", "")
                .optLog(s -> {})
                .build()
                .run(spark);
        assertSameAsSingle(singleConditions, out);
        assertEquals(
                SparkTestData.csv(singleConditions.resolve("modalities.csv")),
                SparkTestData.csv(out.resolve("modalities.csv")));
        for (String condition : List.of("flair-only", "brightness-0.5")) {
            Path c = Path.of(EvaluationRequest.CONDITIONS, condition);
            assertSameAsSingle(singleConditions.resolve(c), out.resolve(c));
        }
        assertEquals(2, SparkTestData.csv(out.resolve("per_patient.csv")).rowCount());
        assertRefused(evaluateInto("never").optPatients("TCGA_XX_0000_20000101"), "TCGA_XX_0000_20000101");
    }

    /** An evaluate job of the phantom data into {@code tmp/name}, quiet. */
    static CohortJob.Builder evaluateInto(String name) {
        return CohortJob.builder(Command.EVALUATE)
                .addInput(data.toString())
                .setOutput(tmp.resolve(name))
                .optLog(s -> {});
    }

    /** The job is refused before any work with a message that names {@code expected}. */
    static void assertRefused(CohortJob.Builder job, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> job.build().run(spark));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void writeThresholdPutsTheBestThresholdIntoTheBundleAfterTheJob() throws Exception {
        Path copy = tmp.resolve("unet-copy");
        Files.createDirectories(copy);
        try (var files = Files.list(unet)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        Path out = tmp.resolve("spark-write-threshold");
        CohortJob.builder(Command.EVALUATE)
                .addInput(data.toString())
                .setOutput(out)
                .optUnet(copy)
                .optWriteThreshold(true)
                .optLog(s -> {})
                .build()
                .run(spark);
        double best = ((Number) Json.read(out.resolve("summary.json")).get("best_threshold")).doubleValue();
        assertEquals(best, ModelBundle.readInfo(copy).threshold(), 1e-6);
        assertRefused(evaluateInto("never2").optWriteThreshold(true), "--unet");
    }

    @Test
    void aCorruptPatientFailsAloneWithItsReasonInFailuresCsv() throws Exception {
        Path copy = tmp.resolve("corrupt-data");
        SparkTestData.phantoms(copy);
        Path broken = LggDataset.index(copy.resolve("kaggle_3m"))
                .patients()
                .get(2)
                .slices()
                .get(1)
                .image();
        Files.write(broken, new byte[] {'I', 'I', 42, 0, 1, 2, 3});
        Path out = tmp.resolve("spark-corrupt");
        CohortResult r = CohortJob.builder(Command.SEGMENT)
                .addInput(copy.resolve("kaggle_3m").toString())
                .setOutput(out)
                .optUnet(unet)
                .optLog(s -> {})
                .build()
                .run(spark);
        assertEquals(ids.subList(0, 2), r.done());
        assertEquals(1, r.failures().size());
        CsvTable failures = SparkTestData.csv(out.resolve(CohortJob.FAILURES));
        assertEquals(1, failures.rowCount());
        assertEquals(ids.get(2), failures.get(0, "patient"));
        assertTrue(failures.get(0, "reason").contains(broken.getFileName().toString()), failures.get(0, "reason"));
        assertFalse(Files.exists(out.resolve(ids.get(2))), "no output for the failed patient");
        assertEquals(
                2 * SparkTestData.SLICES,
                SparkTestData.csv(out.resolve("segmentation.csv")).rowCount());
        assertEquals(2, SparkTestData.csv(out.resolve("volumes.csv")).rowCount());
        for (String id : ids.subList(0, 2)) {
            assertEquals(
                    SparkTestData.SLICES, SparkTestData.names(out.resolve(id)).size(), id);
        }
    }

    @Test
    void segmentRefusesAnEarlierOutputWithoutOverwriteAndReplacesItWith() throws Exception {
        Path out = tmp.resolve("spark-segment");
        CohortJob.Builder job = CohortJob.builder(Command.SEGMENT)
                .addInput(data.toString())
                .setOutput(out)
                .optUnet(unet)
                .optLog(s -> {});
        job.build().run(spark);
        CsvTable first = SparkTestData.csv(out.resolve("segmentation.csv"));
        // what the single-machine segment computes per patient (the same app calls the CLI makes)
        CsvTable[] single = SparkTestData.assertSegmentedAsSingleMachine(data, unet, out);
        assertEquals(single[0], first);
        assertEquals(single[1], SparkTestData.csv(out.resolve("volumes.csv")));
        UsageException e = assertThrows(UsageException.class, () -> job.build().run(spark));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        Files.writeString(out.resolve("notes.txt"), "mine");
        job.optOverwrite(true).build().run(spark);
        assertEquals(first, SparkTestData.csv(out.resolve("segmentation.csv")));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "files the program did not write are kept");

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.docx"), "x");
        assertThrows(
                UsageException.class,
                () -> CohortJob.builder(Command.SEGMENT)
                        .addInput(data.toString())
                        .setOutput(foreign)
                        .optLog(s -> {})
                        .build()
                        .run(spark));
    }

    @Test
    void withoutModelsItEvaluatesTheEmbeddedOnesAsEvaluateDoes() throws Exception {
        Path singleDefault = tmp.resolve("single-default");
        EvaluationRequest.builder()
                .setData(data)
                .setOutput(singleDefault)
                .build()
                .run(ProgressListener.silent(), () -> false);
        Path out = tmp.resolve("spark-default");
        CohortJob.builder(Command.EVALUATE)
                .addInput(data.toString())
                .setOutput(out)
                .optLog(s -> {})
                .build()
                .run(spark);
        assertSameAsSingle(singleDefault, out);
        assertTrue(
                SparkTestData.csv(out.resolve("per_slice.csv")).column("classifier_probability").stream()
                        .noneMatch(String::isEmpty),
                "the embedded classifier ran");
    }

    @Test
    void remoteInputIsCopiedPerTaskAndGivesTheSameNumbers() throws Exception {
        Path out = tmp.resolve("spark-remote");
        CohortResult r =
                evaluate(out, "stage://" + data.toAbsolutePath()).build().run(spark);
        assertEquals(ids, r.done());
        assertSameAsSingleExceptDataPath(single, out);
        assertTrue(Files.isRegularFile(out.resolve("best_1.png")), "example pictures from copied slices");
    }

    /** Remote input: the summary names the URI as its data, the rest is the same. */
    static void assertSameAsSingleExceptDataPath(Path single, Path spark) throws Exception {
        for (String t : TABLES) {
            assertEquals(SparkTestData.csv(single.resolve(t)), SparkTestData.csv(spark.resolve(t)), t);
        }
    }

    @Test
    void twoRealPatientsGiveTheNumbersOfTheSingleMachineEvaluate() throws Exception {
        String a = "TCGA_CS_4942_19970222", b = "TCGA_CS_4943_20000902";
        Optional<Path> real = SparkTestData.realData(a, b);
        Assumptions.assumeTrue(real.isPresent(), "real LGG data not found at ../shared/lgg; skipping");
        Path singleReal = tmp.resolve("single-real");
        request(real.get(), singleReal, a + "," + b).run(ProgressListener.silent(), () -> false);
        Path out = tmp.resolve("spark-real");
        // a list of patient folders as the input
        CohortResult r = evaluate(
                        out,
                        real.get().resolve(a).toString(),
                        real.get().resolve(b).toString())
                .optTta(false)
                .build()
                .run(spark); // no TTA: half the forward passes on 40 real slices
        assertEquals(List.of(a, b), r.done());
        assertSameAsSingleExceptDataPath(singleReal, out);
    }
}
