package io.github.braintumor.spark;

import io.github.braintumor.args.CommandLine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> VALUED = Set.of(
            "out",
            "master",
            "unet",
            "classifier",
            "threshold",
            "min-area",
            "batch",
            "threads",
            "postprocessing",
            "patients",
            "modalities",
            "brightness",
            "storage");
    private static final Set<String> FLAGS =
            Set.of("lcc", "tta", "overwrite", "parquet", "help", "write-threshold", "write-postprocessing");

    private BrainTumorSpark() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static String usage() {
        return "usage: brain-tumor-spark segment|evaluate INPUT... --out DIR [--master local[2]] [--overwrite]\n"
                + "         [--unet BUNDLE] [--classifier BUNDLE] [--threshold T] [--lcc] [--tta] [--min-area N]\n"
                + "         [--postprocessing model|none] [--batch N] [--threads N] [--parquet]\n"
                + "         [--patients IDS|FILE] [--modalities as-is,flair-only,no-post,no-pre] [--brightness 0.4,1.6]\n"
                + "         [--storage 8bit,16bit-linear,16bit-gamma,512,half-rows] [--write-threshold]\n"
                + "         [--write-postprocessing]\n"
                + "  INPUT         a data folder (kaggle_3m or patient folders) or patient folders; local paths or\n"
                + "                Hadoop URIs (hdfs://, s3a://: each task copies its patient to a local folder)\n"
                + "  --out         output folder on a file system every executor sees (local mode: any folder)\n"
                + "  --master      Spark master (default: spark-submit's, else local[N] with N = cores); local[N,F]\n"
                + "                lets a failed task be tried F times\n"
                + "  --overwrite   replace what an earlier run of the same command wrote into --out\n"
                + "  --unet, --classifier, --threshold, --lcc, --tta, --min-area, --patients, --modalities,\n"
                + "  --brightness, --storage, --write-threshold, --write-postprocessing: as brain-tumor evaluate\n"
                + "                (segment: --unet, --threshold, --postprocessing as brain-tumor segment)\n"
                + "  --batch       slices per forward pass; --threads PyTorch threads per task (default 1)\n"
                + "  --parquet     also write the per-slice table as per_slice.parquet";
    }

    /** Parses, checks and runs; returns the exit code. */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        try {
            parse(argv, opts, positional);
            if (opts.containsKey("help") || positional.isEmpty()) {
                (opts.containsKey("help") ? out : err).println(usage());
                return opts.containsKey("help") ? OK : USAGE;
            }
            Command command = switch (positional.get(0)) {
                case "segment" -> Command.SEGMENT;
                case "evaluate" -> Command.EVALUATE;
                default ->
                    throw new UsageException("unknown command '" + positional.get(0)
                            + "': give segment or evaluate (--help lists the options)");
            };
            CohortJob job = job(command, positional.subList(1, positional.size()), opts);
            String master = master(opts.get("master"));
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

    private static void parse(List<String> argv, Map<String, String> opts, List<String> positional)
            throws UsageException {
        try {
            CommandLine c = CommandLine.parse(argv, VALUED, FLAGS);
            opts.putAll(c.options());
            positional.addAll(c.positional());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static CohortJob job(Command command, List<String> inputs, Map<String, String> o) throws UsageException {
        if (inputs.isEmpty()) throw new UsageException("give the input: a data folder or patient folders");
        if (!o.containsKey("out")) throw new UsageException("--out DIR is required");
        CohortJob.Builder b = CohortJob.builder(command)
                .setOutput(Path.of(o.get("out")))
                .optUnet(o.containsKey("unet") ? Path.of(o.get("unet")) : null)
                .optClassifier(o.containsKey("classifier") ? Path.of(o.get("classifier")) : null)
                .optLargestComponent(o.containsKey("lcc"))
                .optTta(o.containsKey("tta"))
                .optOverwrite(o.containsKey("overwrite"))
                .optParquet(o.containsKey("parquet"));
        inputs.forEach(b::addInput);
        if (o.containsKey("threshold")) b.optThreshold(number(o, "threshold"));
        b.optPatients(o.get("patients"))
                .optConditions(o.get("modalities"), o.get("brightness"), o.get("storage"))
                .optWriteThreshold(o.containsKey("write-threshold"))
                .optWritePostprocessing(o.containsKey("write-postprocessing"));
        if (o.containsKey("min-area")) b.optMinimumArea(whole(o, "min-area"));
        if (o.containsKey("batch")) b.optBatch(whole(o, "batch"));
        if (o.containsKey("threads")) b.optThreads(whole(o, "threads"));
        if (o.containsKey("postprocessing")) {
            String p = o.get("postprocessing");
            if (!p.equals("model") && !p.equals("none")) {
                throw new UsageException("--postprocessing must be model or none, got '" + p + "'");
            }
            if (command != Command.SEGMENT) throw new UsageException("--postprocessing is for segment");
            b.optNoPostprocessing(p.equals("none"));
        }
        return b.build();
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
            for (String a :
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
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
        } catch (java.net.URISyntaxException | java.io.IOException | SecurityException e) {
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

    private static double number(Map<String, String> o, String name) throws UsageException {
        try {
            return Double.parseDouble(o.get(name));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + o.get(name) + "'");
        }
    }

    private static int whole(Map<String, String> o, String name) throws UsageException {
        try {
            return Integer.parseInt(o.get(name));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + o.get(name) + "'");
        }
    }
}
