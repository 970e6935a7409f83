package io.github.braintumor.spark;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.app.options.InferenceCommandOptions;
import io.github.braintumor.args.CommandLine;
import io.github.braintumor.args.Option;
import io.github.braintumor.args.OptionTable;
import io.github.braintumor.args.OptionValues;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * {@code brain-tumor-spark segment|evaluate INPUT... --out DIR}: the whole cohort on Spark, one task per patient.
 * Runs in {@code local[N]} without a cluster (the default of {@code bin/brain-tumor-spark}) or under
 * {@code spark-submit} on a cluster (the master then comes from spark-submit). See docs/SCALE.md.
 *
 * <pre>
 * mvn -B install &amp;&amp; mvn -B -f spark/pom.xml package -DskipTests
 * bin/brain-tumor-spark evaluate /data/kaggle_3m --out eval-out --master local[2]
 * spark-submit --class io.github.braintumor.spark.BrainTumorSpark --jars "$(ls spark/target/lib/*.jar | paste -sd,)" \
 *     spark/target/brain-tumor-spark-0.1.0-SNAPSHOT.jar evaluate hdfs:///data/kaggle_3m --out /shared/eval-out
 * </pre>
 *
 * Exit codes (the CLI's rule for failed volumes): 0 every patient done, 1 some or all patients failed (listed in
 * failures.csv; the others' outputs are complete) or the job failed, 2 a user mistake (one line saying what and what to do, nothing written).
 */
public final class BrainTumorSpark {
    public static final int OK = 0, FAILED = 1, USAGE = 2;
    /** local, local[N], local[*], local[N,F] (F = task attempts), spark://, yarn, k8s://, mesos://. */
    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\d+|\\*)(,\\d+)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

    static final Option<String> MASTER_OPTION = Option.text("master", "")
            .metavar("local[2]")
            .help("Spark master (default: spark-submit's, else local[N] with N = cores); local[N,F]\n"
                    + "lets a failed task be tried F times")
            .cliOnly();
    static final Option<Integer> THREADS =
            Option.integer("threads", 1).min(1).help("PyTorch threads per task").cliOnly();
    static final Option<Boolean> PARQUET = Option.flag("parquet", false)
            .help("also write the per-slice table as per_slice.parquet")
            .cliOnly();

    /**
     * The options of both commands: evaluate's own table (the same keys as {@code brain-tumor evaluate} and Fiji's
     * Evaluate Tumor Models) but predicted masks (a cohort is evaluated with models), segment's post-processing and
     * batch size, and Spark's master, threads and Parquet.
     */
    static final OptionTable OPTIONS = EvaluateOptions.TABLE
            .without(EvaluateOptions.PREDICTIONS)
            .plus(
                    InferenceCommandOptions.POSTPROCESSING.help("segment: as brain-tumor segment"),
                    CommonOptions.BATCH_SIZE.help("slices per forward pass"),
                    MASTER_OPTION,
                    THREADS,
                    PARQUET);

    private BrainTumorSpark() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static String usage() {
        return "usage: brain-tumor-spark segment|evaluate INPUT... [options]\n"
                + "  INPUT               a data folder (kaggle_3m or patient folders) or patient folders; local paths\n"
                + "                      or Hadoop URIs (hdfs://, s3a://: each task copies its patient to a local\n"
                + "                      folder)\n"
                + "  --output (--out) is required: a folder on a file system every executor sees (local mode: any)\n"
                + "  The options are brain-tumor evaluate's (segment: --unet, --threshold, --postprocessing as\n"
                + "  brain-tumor segment):\n"
                + OPTIONS.cliUsage().stripTrailing();
    }

    /** Parses, checks and runs; returns the exit code. */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        try {
            CommandLine line = parse(argv);
            List<String> positional = line.positional();
            boolean help = line.options().containsKey("help");
            if (help || positional.isEmpty()) {
                (help ? out : err).println(usage());
                return help ? OK : USAGE;
            }
            OptionValues opts = values(line);
            Command command = switch (positional.get(0)) {
                case "segment" -> Command.SEGMENT;
                case "evaluate" -> Command.EVALUATE;
                default ->
                    throw new UsageException("unknown command '" + positional.get(0)
                            + "': give segment or evaluate (--help lists the options)");
            };
            CohortJob job = job(command, positional.subList(1, positional.size()), opts);
            String given = opts.get(MASTER_OPTION);
            String master = master(given.isEmpty() ? null : given);
            job.check(hadoopConf()); // mistakes are refused before Spark starts (seconds)
            SparkSession.Builder sb = SparkSession.builder()
                    .appName("brain-tumor-spark " + command.id())
                    .config("spark.ui.showConsoleProgress", "false");
            if (master != null) sb.master(master);
            clusterDefaults(master, sb);
            SparkSession spark = sb.getOrCreate();
            try {
                CohortResult r = job.run(spark);
                out.println("wrote the output of " + r.done().size() + " patient(s) to " + r.output()
                        + (r.failures().isEmpty()
                                ? ""
                                : "; " + r.failures().size() + " failed, see "
                                        + r.output().resolve(CohortJob.FAILURES)));
                out.println("executors: " + r.executorSummary());
                return r.failures().isEmpty() ? OK : FAILED;
            } finally {
                spark.stop();
            }
        } catch (UsageException e) {
            err.println("brain-tumor-spark: " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println("brain-tumor-spark: failed: " + PatientTask.oneLine(e));
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static CommandLine parse(List<String> argv) throws UsageException {
        try {
            return CommandLine.parse(argv, OPTIONS.cliValued(), OPTIONS.cliFlags());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The options' values (the positional arguments are the command and its inputs). */
    private static OptionValues values(CommandLine line) throws UsageException {
        try {
            return OPTIONS.fromCommandLine(new CommandLine(line.options(), List.of()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static CohortJob job(Command command, List<String> inputs, OptionValues o) throws UsageException {
        if (inputs.isEmpty()) throw new UsageException("give the input: a data folder or patient folders");
        if (o.get(CommonOptions.OUTPUT).isEmpty()) throw new UsageException("--output DIR is required");
        CohortJob.Builder b = CohortJob.builder(command)
                .setOutput(Path.of(o.get(CommonOptions.OUTPUT)))
                .optUnet(o.path(EvaluateOptions.UNET))
                .optClassifier(o.path(EvaluateOptions.CLASSIFIER))
                .optLargestComponent(o.get(EvaluateOptions.LCC))
                .optTta(o.get(EvaluateOptions.TTA))
                .optOverwrite(o.get(CommonOptions.OVERWRITE))
                .optParquet(o.get(PARQUET));
        inputs.forEach(b::addInput);
        // -1, the model's own threshold, as in every front end
        if (o.get(CommonOptions.THRESHOLD) >= 0) b.optThreshold(o.get(CommonOptions.THRESHOLD));
        String patients = o.get(EvaluateOptions.PATIENTS);
        b.optPatients(patients.isEmpty() ? null : patients)
                .optConditions(
                        blankAsNull(o.get(EvaluateOptions.MODALITIES)),
                        blankAsNull(o.get(EvaluateOptions.BRIGHTNESS)),
                        blankAsNull(o.get(EvaluateOptions.STORAGE)))
                .optWriteThreshold(o.get(EvaluateOptions.WRITE_THRESHOLD))
                .optWritePostprocessing(o.get(EvaluateOptions.WRITE_POSTPROCESSING));
        if (o.given(EvaluateOptions.MIN_AREA)) b.optMinimumArea(o.get(EvaluateOptions.MIN_AREA));
        if (o.get(CommonOptions.BATCH_SIZE) > 0) b.optBatch(o.get(CommonOptions.BATCH_SIZE));
        if (o.given(THREADS)) b.optThreads(o.get(THREADS));
        if (o.given(InferenceCommandOptions.POSTPROCESSING)) {
            if (command != Command.SEGMENT) throw new UsageException("--postprocessing is for segment");
            b.optNoPostprocessing(o.get(InferenceCommandOptions.POSTPROCESSING).equals("none"));
        }
        return b.build();
    }

    private static String blankAsNull(String text) {
        return text.isBlank() ? null : text;
    }

    /**
     * For a standalone cluster ({@code spark://}) started by this launcher rather than spark-submit: the executors
     * get the jars this driver runs from (this module's jar and {@code lib/}: the plugin, DJL and its native
     * libtorch), which are not on the workers' class path, and the JDK options Spark needs on Java 17. Settings
     * given as {@code -Dspark.jars} / {@code -Dspark.executor.extraJavaOptions} win.
     */
    static void clusterDefaults(String master, SparkSession.Builder sb) {
        String effective = master != null ? master : System.getProperty("spark.master", "");
        if (!effective.startsWith("spark://")) return;
        if (System.getProperty("spark.jars") == null) {
            List<String> jars = shippedJars();
            if (!jars.isEmpty()) sb.config("spark.jars", String.join(",", jars));
        }
        if (System.getProperty("spark.executor.extraJavaOptions") == null) {
            List<String> options = new ArrayList<>();
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("--add-opens")
                        || a.startsWith("--add-exports")
                        || a.equals("-Djava.awt.headless=true")
                        || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")) {
                    options.add(a);
                }
            }
            if (!options.isEmpty()) sb.config("spark.executor.extraJavaOptions", String.join(" ", options));
        }
    }

    /** This module's jar and the jars in the {@code lib/} folder beside it; empty when run from classes. */
    static List<String> shippedJars() {
        try {
            Path self = Path.of(BrainTumorSpark.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(self)) return List.of();
            List<String> jars = new ArrayList<>(List.of(self.toUri().toString()));
            Path lib = self.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (var s = Files.list(lib)) {
                    s.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .forEach(p -> jars.add(p.toUri().toString()));
                }
            }
            return jars;
        } catch (URISyntaxException | IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Hadoop settings as Spark would make them: the spark.hadoop.* properties spark-submit passes. */
    private static org.apache.hadoop.conf.Configuration hadoopConf() {
        org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("spark.hadoop.")) c.set(k.substring("spark.hadoop.".length()), System.getProperty(k));
        }
        return c;
    }

    /** The master to set, or null to keep spark-submit's; a bad string is a user mistake. */
    static String master(String given) throws UsageException {
        if (given == null) {
            if (System.getProperty("spark.master") != null) return null;
            return "local[" + Runtime.getRuntime().availableProcessors() + "]";
        }
        if (!MASTER.matcher(given).matches()) {
            throw new UsageException("--master '" + given + "' is not a Spark master: give local[N] (N cores),"
                    + " local[N,F] (F attempts per task), spark://HOST:PORT, yarn or k8s://URL");
        }
        return given;
    }
}
