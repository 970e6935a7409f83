package io.github.braintumor.spark;

import io.github.braintumor.app.SegmentationTables;
import io.github.braintumor.app.StackSegmentation;
import io.github.braintumor.data.PatientRecord;
import io.github.braintumor.engine.EngineUnavailableException;
import io.github.braintumor.eval.Evaluation;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.EvaluationSummary;
import io.github.braintumor.eval.EvaluationSummary.RobustnessRow;
import io.github.braintumor.eval.InputCondition;
import io.github.braintumor.eval.PatientScores;
import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.io.OutputPaths;
import io.github.braintumor.io.OutputRefusedException;
import io.github.braintumor.io.OutputTransaction;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.BundleSettings;
import io.github.braintumor.model.EmbeddedModels;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.progress.Progress;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.report.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A whole-cohort segmentation or evaluation on Spark: one task per patient, results identical to the
 * single-machine {@code brain-tumor segment} / {@code evaluate} on the same patients.
 *
 * <p>Output of {@link Command#EVALUATE} in {@code --out}: the cohort's {@code summary.json}, {@code per_*.csv},
 * {@code thresholds.csv}, {@code postprocessing.csv}, charts and {@code report.html} (as {@code evaluate}), and
 * {@code patients/<patient>/} with that patient's masks ({@code <slice>_pred.tif}, {@code segment}'s names) and
 * its own summary.json and CSV tables. Of {@link Command#SEGMENT}: {@code <patient>/<slice>_pred.tif},
 * {@code segmentation.csv} and {@code volumes.csv} (as {@code segment}). Both: {@code failures.csv} (patient,
 * location, reason, attempt; header only when none failed), and with {@link Builder#optParquet} the per-slice
 * table as {@code per_slice.parquet}.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * CohortResult r = CohortJob.builder(Command.EVALUATE).addInput("/data/kaggle_3m").setOutput(Path.of("eval-out"))
 *         .optUnet(Path.of("models/unet")).build().run(spark);
 * r.perSlice(spark).groupBy("hospital").avg("dice").show();
 * }</pre>
 */
public final class CohortJob {
    /** Columns of failures.csv. */
    public static final String FAILURES = "failures.csv";
    /** The per-slice table as Parquet (a folder), with {@link Builder#optParquet}. */
    public static final String PARQUET = "per_slice.parquet";
    // what AtomicFiles leaves behind when a process dies between staging and publishing
    private static final Pattern LEFTOVER = Pattern.compile("^\\..+\\.(tmp|old)-[0-9a-f-]{36}$");

    private final Builder b;

    private CohortJob(Builder b) {
        this.b = b;
    }

    public static Builder builder(Command command) {
        return new Builder(command);
    }

    /** Settings; checked by {@link #run} before any work. */
    public static final class Builder {
        private final Command command;
        private final List<String> inputs = new ArrayList<>();
        private Path output, unet, classifier;
        private Double threshold;
        private boolean lcc, tta, overwrite, parquet, postprocessingNone;
        private int minArea, threads = 1;
        private Integer batch;
        private Consumer<String> log = System.err::println;
        private String patients, modalities = "", brightness = "", storage = "";
        private boolean writeThreshold, writePostprocessing;

        private Builder(Command command) {
            this.command = command;
        }

        /** A data folder (patient folders, kaggle_3m) or one patient folder: a local path or a Hadoop URI. */
        public Builder addInput(String input) {
            inputs.add(input);
            return this;
        }

        /** The output folder, a local path every executor sees (local mode, or a shared file system). */
        public Builder setOutput(Path dir) {
            this.output = dir;
            return this;
        }

        /** UNet bundle folder, present at this path on every executor (default: the embedded model). */
        public Builder optUnet(Path bundle) {
            this.unet = bundle;
            return this;
        }

        /** Evaluate: classifier bundle folder (no UNet and no classifier: both embedded defaults). */
        public Builder optClassifier(Path bundle) {
            this.classifier = bundle;
            return this;
        }

        public Builder optThreshold(Double t) {
            this.threshold = t;
            return this;
        }

        public Builder optLargestComponent(boolean on) {
            this.lcc = on;
            return this;
        }

        public Builder optTta(boolean on) {
            this.tta = on;
            return this;
        }

        public Builder optMinimumArea(int pixels) {
            this.minArea = pixels;
            return this;
        }

        /** Segment: threshold only, instead of the post-processing the bundle records. */
        public Builder optNoPostprocessing(boolean on) {
            this.postprocessingNone = on;
            return this;
        }

        /** Slices per forward pass (default: those of the single-machine command). */
        public Builder optBatch(int n) {
            this.batch = n;
            return this;
        }

        /** PyTorch threads per task (default 1: one core per task, as Spark schedules; 0 = DJL's choice). */
        public Builder optThreads(int n) {
            this.threads = n;
            return this;
        }

        /** Replace what an earlier run of the same command wrote into the output (else such a folder is refused). */
        public Builder optOverwrite(boolean on) {
            this.overwrite = on;
            return this;
        }

        /** Also write the per-slice table as {@value CohortJob#PARQUET}. */
        public Builder optParquet(boolean on) {
            this.parquet = on;
            return this;
        }

        /** Evaluate: only these patients (ids separated by commas, or a file of ids), as {@code evaluate --patients}. */
        public Builder optPatients(String ids) {
            this.patients = ids;
            return this;
        }

        /**
         * Evaluate: also the same patients under simulated input conditions ({@code --modalities}, {@code
         * --brightness}, {@code --storage} of {@code evaluate}), each into {@code conditions/<name>/}, compared in
         * modalities.csv and summary.json's robustness section.
         */
        public Builder optConditions(String modalities, String brightness, String storage) {
            this.modalities = modalities == null ? "" : modalities;
            this.brightness = brightness == null ? "" : brightness;
            this.storage = storage == null ? "" : storage;
            return this;
        }

        /** Evaluate: write the best threshold into the UNet bundle (given with optUnet) once the job is done. */
        public Builder optWriteThreshold(boolean on) {
            this.writeThreshold = on;
            return this;
        }

        /** Evaluate: write the evaluated post-processing into the UNet bundle once the job is done. */
        public Builder optWritePostprocessing(boolean on) {
            this.writePostprocessing = on;
            return this;
        }

        /** Where progress lines go (default standard error). */
        public Builder optLog(Consumer<String> log) {
            this.log = log == null ? s -> {} : log;
            return this;
        }

        public CohortJob build() {
            return new CohortJob(this);
        }
    }

    /**
     * @param request evaluate: the single-machine request this job computes (models, post-processing, conditions,
     *     write-back), or null for segment
     */
    private record Prepared(
            List<PatientInputs.Ref> patients, JobSpec spec, List<Path> localInputs, EvaluationRequest request) {}

    /**
     * The checks of {@link #run}, without Spark: for the command line to refuse a mistake before starting Spark.
     *
     * @param conf Hadoop settings for remote inputs
     * @throws UsageException a user mistake
     */
    public void check(org.apache.hadoop.conf.Configuration conf) throws Exception {
        prepare(conf);
    }

    private Prepared prepare(org.apache.hadoop.conf.Configuration conf) throws Exception {
        if (b.inputs.isEmpty()) throw new UsageException("no input given: give a data folder or patient folders");
        if (b.output == null) throw new UsageException("--out DIR is required");
        if (b.threshold != null && !(b.threshold >= 0 && b.threshold <= 1)) {
            throw new UsageException("--threshold must be between 0 and 1, got " + b.threshold);
        }
        if (b.minArea < 0) throw new UsageException("--min-area must be >= 0, got " + b.minArea);
        if (b.batch != null && b.batch < 1) throw new UsageException("--batch must be >= 1, got " + b.batch);
        if (b.threads < 0) throw new UsageException("--threads must be >= 0, got " + b.threads);
        if (b.command == Command.SEGMENT && (b.classifier != null || b.lcc || b.tta || b.minArea > 0)) {
            throw new UsageException("segment takes the post-processing the UNet bundle records (or"
                    + " --postprocessing none); --classifier, --lcc, --tta and --min-area are for evaluate");
        }
        if (b.command == Command.SEGMENT
                && (b.patients != null
                        || !(b.modalities + b.brightness + b.storage).isBlank()
                        || b.writeThreshold
                        || b.writePostprocessing)) {
            throw new UsageException("--patients, --modalities, --brightness, --storage, --write-threshold and"
                    + " --write-postprocessing are for evaluate");
        }
        if ((b.writeThreshold || b.writePostprocessing) && b.unet == null) {
            throw new UsageException("writing the threshold or post-processing back needs a UNet bundle (--unet)");
        }
        if (b.command == Command.EVALUATE && b.postprocessingNone) {
            throw new UsageException("--postprocessing is for segment; evaluate measures --tta, --lcc and"
                    + " --min-area with and without each");
        }
        for (Path m : Arrays.asList(b.unet, b.classifier)) {
            if (m != null && !Files.isDirectory(m)) {
                throw new UsageException("model bundle folder not found: " + m + " (it must exist at this path on"
                        + " the driver and every executor; leave it out for the embedded model)");
            }
        }
        WorkerModels.startEngine(b.threads); // before the driver loads any model: the tasks' threads, not the defaults
        Path out = b.output.toAbsolutePath().normalize();
        List<PatientInputs.Ref> patients = selected(PatientInputs.list(b.inputs, conf));
        List<Path> localInputs = new ArrayList<>();
        for (String in : b.inputs) if (PatientInputs.isLocal(in)) localInputs.add(PatientInputs.localPath(in));
        localInputs.add(b.unet);
        localInputs.add(b.classifier);
        try {
            OutputPaths.checkFolder(out, b.command.owner(), b.overwrite, localInputs.toArray(Path[]::new));
        } catch (OutputRefusedException e) {
            throw new UsageException(e.getMessage(), e);
        }
        EvaluationRequest request = b.command == Command.EVALUATE ? request() : null;
        JobSpec spec = spec(out, request);
        checkModels(spec);
        if (b.writeThreshold || b.writePostprocessing) {
            try {
                BundleSettings.checkWritable(b.unet); // not after the whole run
            } catch (BundleException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        return new Prepared(patients, spec, localInputs, request);
    }

    /** The patients of --patients among the input's (all without it); an id not in the input is a mistake. */
    private List<PatientInputs.Ref> selected(List<PatientInputs.Ref> all) throws UsageException {
        List<String> ids;
        try {
            ids = EvaluationRequest.parsePatients(b.patients);
        } catch (IOException e) {
            throw new UsageException("cannot read --patients " + b.patients + ": " + e.getMessage(), e);
        }
        if (ids.isEmpty()) return all;
        List<PatientInputs.Ref> chosen = new ArrayList<>();
        for (String id : ids) {
            PatientInputs.Ref ref = all.stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new UsageException(
                            "--patients: " + id + " is not among the " + all.size() + " patients of the input"));
            if (!chosen.contains(ref)) chosen.add(ref);
        }
        return chosen;
    }

    /** The single-machine evaluate's request for these settings: the same models, post-processing and checks. */
    private EvaluationRequest request() throws Exception {
        try {
            List<InputCondition> conditions = InputCondition.parse(b.modalities, b.brightness, b.storage);
            return EvaluationRequest.builder()
                    .optUnet(abs(b.unet))
                    .optClassifier(abs(b.classifier))
                    .optLargestComponent(b.lcc)
                    .optTta(b.tta)
                    .optMinimumArea(b.minArea)
                    .optPatients(b.patients)
                    .optConditions(conditions)
                    .optWriteThreshold(b.writeThreshold)
                    .optWritePostprocessing(b.writePostprocessing)
                    .build()
                    .withDefaultModels(ProgressListener.silent());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Checks the settings, inputs, output folder and models (a {@link UsageException} before any work), runs one
     * task per patient and writes the cohort's tables.
     *
     * @throws UsageException a user mistake: nothing was written
     */
    public CohortResult run(SparkSession spark) throws Exception {
        long start = System.nanoTime();
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Prepared prepared = prepare(conf.get());
        List<PatientInputs.Ref> patients = prepared.patients();
        JobSpec spec = prepared.spec();
        Path out = Path.of(spec.output());
        b.log.accept(b.command.id() + ": " + patients.size() + " patient(s) on "
                + spark.sparkContext().master() + ", output " + out);
        // tasks and tables write into a staging folder beside the output (a shared file system on a cluster),
        // moved in when the job is done: a failed or killed job leaves an earlier output exactly as it was
        try (OutputTransaction tx = begin(out, prepared)) {
            JobSpec staged = spec.withOutput(tx.staging().toString());
            // evaluate's other input conditions first, each a job of its own into conditions/<name>/, as the
            // single-machine evaluate does them; their summaries become the main evaluation's robustness rows
            List<RobustnessRow> robustness = null;
            EvaluationRequest request = prepared.request();
            if (request != null && request.conditions().stream().anyMatch(c -> !c.asIs())) {
                robustness = new ArrayList<>();
                for (InputCondition c : request.conditions()) {
                    if (c.asIs()) continue;
                    b.log.accept(b.command.id() + ": input condition " + c.name());
                    JobSpec cs = staged.withCondition(
                            c,
                            tx.staging()
                                    .resolve(EvaluationRequest.CONDITIONS)
                                    .resolve(c.name())
                                    .toString());
                    Files.createDirectories(Path.of(cs.output()));
                    List<PatientTask.Outcome> co = tasks(spark, patients, cs, conf, " (" + c.name() + ")");
                    Finished f = finish(spark, cs, patients, co, (System.nanoTime() - start) / 1e9, conf, null);
                    if (f.evaluation() != null) {
                        robustness.add(EvaluationSummary.RobustnessRow.of(
                                c, f.evaluation().summary()));
                    }
                }
            }
            List<PatientTask.Outcome> outcomes = tasks(spark, patients, staged, conf, "");
            double seconds = (System.nanoTime() - start) / 1e9;
            Finished finished = finish(spark, staged, patients, outcomes, seconds, conf, robustness);
            CohortResult result = finished.result();
            tx.commit();
            result = result.movedTo(tx.folder());
            if (request != null && finished.evaluation() != null) {
                request.writeBack(finished.evaluation(), new ProgressListener() {
                    @Override
                    public void onProgress(Progress p) {}

                    @Override
                    public void onMessage(String message) {
                        b.log.accept(b.command.id() + ": " + message);
                    }
                });
            }
            b.log.accept(String.format(
                    Locale.ROOT,
                    "%s: %d patient(s) done, %d failed%s, %.1f s, output %s",
                    b.command.id(),
                    result.done().size(),
                    result.failures().size(),
                    result.failures().isEmpty() ? "" : " (see " + FAILURES + ")",
                    seconds,
                    result.output()));
            return result;
        }
    }

    /** One task per patient; @return their outcomes (leftovers of killed attempts swept from the output). */
    private List<PatientTask.Outcome> tasks(
            SparkSession spark, List<PatientInputs.Ref> patients, JobSpec spec, HadoopConf conf, String what) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("brain-tumor " + spec.command().id() + what + " of " + patients.size() + " patient(s)");
        try {
            return jsc.parallelize(patients, Math.max(1, patients.size()))
                    .map(ref -> PatientTask.run(spec, ref, conf))
                    .collect();
        } finally {
            sweepLeftovers(Path.of(spec.output()));
        }
    }

    /** @param evaluation evaluate's cohort result (null for segment or when no patient was done) */
    private record Finished(CohortResult result, EvaluationResult evaluation) {}

    /** Locks the output and opens its staging folder; another run on it is a user mistake (one line). */
    private OutputTransaction begin(Path out, Prepared prepared) throws Exception {
        try {
            return OutputTransaction.builder()
                    .setFolder(out)
                    .setCommand(b.command.owner())
                    .optOverwrite(b.overwrite)
                    .optInputs(prepared.localInputs().toArray(Path[]::new))
                    .optMayWrite(path -> mayWrite(path, prepared.patients()))
                    .begin();
        } catch (OutputRefusedException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The paths a job writes: the patients' folders, its tables, charts and report, the Parquet table. */
    private static boolean mayWrite(String path, List<PatientInputs.Ref> patients) {
        String top = path.split("/", 2)[0];
        return top.equals(PatientTask.EVALUATE_PATIENTS)
                || top.equals(EvaluationRequest.CONDITIONS)
                || top.equals(PARQUET)
                || top.matches(".*\\.(csv|png|html|json)")
                || patients.stream().anyMatch(p -> p.id().equals(top));
    }

    private JobSpec spec(Path out, EvaluationRequest r) throws Exception {
        String dataRoot = b.inputs.size() == 1
                ? (PatientInputs.isLocal(b.inputs.get(0))
                        ? PatientInputs.localPath(b.inputs.get(0)).toString()
                        : b.inputs.get(0))
                : String.join(",", b.inputs);
        if (b.command == Command.SEGMENT) {
            boolean embedded = b.unet == null;
            Path unet = embedded
                    ? embedded(ModelKind.UNET)
                    : b.unet.toAbsolutePath().normalize();
            return new JobSpec(
                    b.command,
                    unet.toString(),
                    embedded,
                    null,
                    false,
                    b.threshold,
                    false,
                    false,
                    0,
                    b.postprocessingNone,
                    b.batch == null ? StackSegmentation.DEFAULT_BATCH_SIZE : b.batch,
                    b.threads,
                    out.toString(),
                    dataRoot,
                    null,
                    null);
        }
        // The same model and post-processing choice as the single-machine evaluate (r: its request).
        boolean embedded = b.unet == null && b.classifier == null;
        return new JobSpec(
                b.command,
                str(r.unet()),
                embedded && r.unet() != null,
                str(r.classifier()),
                embedded && r.classifier() != null,
                b.threshold,
                r.lcc(),
                r.tta(),
                r.minArea(),
                false,
                b.batch == null ? Jobs.EVALUATE_BATCH : b.batch,
                b.threads,
                out.toString(),
                dataRoot,
                r.lccBy(),
                null);
    }

    private static Path embedded(ModelKind kind) throws BundleException {
        try (ModelBundle m = EmbeddedModels.load(kind)) {
            return m.directory();
        }
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }

    /** Loads each bundle once here, so a damaged or wrong one is a one-line refusal before any task starts. */
    private static void checkModels(JobSpec spec) throws Exception {
        try {
            WorkerModels.startEngine(spec);
            if (spec.unet() != null)
                ModelBundle.load(Path.of(spec.unet()), ModelKind.UNET).close();
            if (spec.classifier() != null)
                ModelBundle.load(Path.of(spec.classifier()), ModelKind.CLASSIFIER)
                        .close();
        } catch (BundleException | EngineUnavailableException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Half-written folders of attempts that died (a kill leaves them); only names of this program's pattern. */
    private void sweepLeftovers(Path out) {
        for (Path dir : List.of(out, out.resolve(PatientTask.EVALUATE_PATIENTS))) {
            if (!Files.isDirectory(dir)) continue;
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(p ->
                                LEFTOVER.matcher(p.getFileName().toString()).matches())
                        .toList()) {
                    AtomicFiles.deleteRecursively(p);
                }
            } catch (IOException e) {
                b.log.accept("could not remove leftover temporary folders in " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Per executor: the patients whose outcome it gave and the most models its JVM had loaded. */
    private static List<CohortResult.ExecutorUse> executors(List<PatientTask.Outcome> outcomes) {
        Map<String, int[]> use = new TreeMap<>();
        for (PatientTask.Outcome o : outcomes) {
            if (o.executor() == null) continue;
            int[] u = use.computeIfAbsent(o.executor(), k -> new int[2]);
            u[0]++;
            u[1] = Math.max(u[1], o.loads());
        }
        List<CohortResult.ExecutorUse> list = new ArrayList<>();
        use.forEach((e, u) -> list.add(new CohortResult.ExecutorUse(e, u[0], u[1])));
        return list;
    }

    private Finished finish(
            SparkSession spark,
            JobSpec spec,
            List<PatientInputs.Ref> patients,
            List<PatientTask.Outcome> outcomes,
            double seconds,
            HadoopConf conf,
            List<RobustnessRow> robustness)
            throws Exception {
        Path out = Path.of(spec.output());
        CsvTable.Builder failures = CsvTable.builder().setColumns("patient", "location", "reason", "attempt");
        List<String> done = new ArrayList<>();
        List<CohortResult.Failure> failed = new ArrayList<>();
        Map<String, PatientInputs.Ref> refs = new HashMap<>();
        for (PatientInputs.Ref r : patients) refs.put(r.id(), r);
        for (PatientTask.Outcome o : outcomes) {
            if (o.failed()) {
                PatientInputs.Ref r = refs.get(o.patient());
                failures.addRow(o.patient(), r.location(), o.failure(), o.attempt());
                failed.add(new CohortResult.Failure(o.patient(), r.location(), o.failure()));
                b.log.accept(o.patient() + " failed: " + o.failure());
            } else {
                done.add(o.patient());
            }
        }
        CsvTable perSlice = null;
        EvaluationResult evaluation = null;
        if (!done.isEmpty() && spec.command() == Command.EVALUATE) {
            evaluation = writeEvaluation(spec, refs, outcomes, seconds, conf, robustness);
            perSlice = evaluation.perSlice();
        } else if (!done.isEmpty()) {
            CsvTable.Builder slices = SegmentationTables.slices(), volumes = SegmentationTables.volumes();
            for (PatientTask.Outcome o : outcomes) {
                if (o.failed()) continue;
                o.slices().forEach(slices::addRow);
                o.volumes().forEach(volumes::addRow);
            }
            perSlice = slices.build();
            perSlice.write(out.resolve(SegmentationTables.CSV));
            volumes.build().write(out.resolve(SegmentationTables.VOLUMES_CSV));
        }
        failures.build().write(out.resolve(FAILURES));
        CohortResult result =
                new CohortResult(spec.command(), out, done, failed, perSlice, seconds, executors(outcomes));
        if (b.parquet && perSlice != null) {
            result.perSlice(spark)
                    .write()
                    .mode("overwrite")
                    .parquet(out.resolve(PARQUET).toString());
        }
        return new Finished(result, evaluation);
    }

    /** Adds up the patients' scores with the core's evaluation and writes evaluate's files for the cohort. */
    private static EvaluationResult writeEvaluation(
            JobSpec spec,
            Map<String, PatientInputs.Ref> refs,
            List<PatientTask.Outcome> outcomes,
            double seconds,
            HadoopConf conf,
            List<RobustnessRow> robustness)
            throws Exception {
        Path out = Path.of(spec.output());
        Path stage = Files.createTempDirectory("brain-tumor-spark-examples-");
        try {
            List<PatientRecord> records = new ArrayList<>();
            List<PatientScores> scores = new ArrayList<>();
            for (PatientTask.Outcome o : outcomes) {
                if (o.failed()) continue;
                PatientInputs.Ref ref = refs.get(o.patient());
                // the files as the driver reads them: a worker's temporary copy of a remote folder is gone
                Function<String, Path> files = ref.local()
                        ? s -> PatientInputs.localPath(ref.location())
                                .resolve(Path.of(s).getFileName())
                        : s -> stage.resolve(ref.id()).resolve(Path.of(s).getFileName());
                PatientScores mine = o.scores();
                records.add(mine.record(files));
                scores.add(mine);
            }
            Evaluation.Builder cohort = Jobs.evaluation(spec, path(spec.unet()), path(spec.classifier()))
                    .setOutput(out);
            if (robustness != null) cohort.optRobustness(robustness);
            EvaluationResult result = cohort.build().combine(records, scores, seconds);
            for (EvaluationResult.Example e : concat(result.best(), result.worst())) {
                PatientInputs.Ref ref = refs.get(e.slice().patientId());
                if (ref.local()) continue;
                for (Path f : List.of(e.slice().image(), e.slice().mask())) {
                    if (!Files.exists(f))
                        PatientInputs.copyFile(ref, f.getFileName().toString(), f, conf.get());
                }
            }
            EvaluationReport.write(result);
            return result;
        } finally {
            AtomicFiles.deleteRecursively(stage);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }
}
