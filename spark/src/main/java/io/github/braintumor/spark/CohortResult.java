package io.github.braintumor.spark;

import io.github.braintumor.report.CsvTable;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a {@link CohortJob} did: the patients done and failed, and the per-slice table (evaluate's
 * {@code per_slice.csv} or segment's {@code segmentation.csv}), also as a Spark DataFrame for Spark SQL.
 *
 * <pre>{@code
 * Dataset<Row> slices = result.perSlice(spark);
 * slices.createOrReplaceTempView("slices");
 * spark.sql("SELECT hospital, avg(dice) FROM slices WHERE tumour = 1 GROUP BY hospital").show();
 * }</pre>
 *
 * @param perSlice  the per-slice table, or null when no patient was done
 * @param seconds   wall time of the job
 * @param executors the JVMs that ran the patients, each with its patients and the models it loaded
 */
public record CohortResult(
        Command command,
        Path output,
        List<String> done,
        List<Failure> failures,
        CsvTable perSlice,
        double seconds,
        List<ExecutorUse> executors) {

    /**
     * One executor JVM of the job.
     *
     * @param executor Spark's executor id, host and process id
     * @param patients the patients whose final outcome came from it
     * @param loads    how often its JVM had loaded the job's models (UNet, and classifier for evaluate, as one set) by
     *                 its last task: once per task slot when they are reused
     */
    public record ExecutorUse(String executor, int patients, int loads) implements Serializable {}

    /** @return one line per executor, for the log */
    public String executorSummary() {
        StringBuilder s = new StringBuilder();
        for (ExecutorUse e : executors) {
            s.append(s.length() == 0 ? "" : "; ")
                    .append(e.executor())
                    .append(": ")
                    .append(e.patients())
                    .append(" patient(s), ")
                    .append(e.loads())
                    .append(" model load(s)");
        }
        return s.toString();
    }

    /** A patient that failed, with the reason (one line), also in {@code failures.csv}. */
    public record Failure(String patient, String location, String reason) {}

    public CohortResult {
        done = List.copyOf(done);
        failures = List.copyOf(failures);
        executors = List.copyOf(executors);
    }

    /** @return this result with its files now in {@code folder} (written to a staging folder, moved there) */
    CohortResult movedTo(Path folder) {
        return new CohortResult(command, folder, done, failures, perSlice, seconds, executors);
    }

    /** @return patients done per second of wall time */
    public double patientsPerSecond() {
        return seconds > 0 ? done.size() / seconds : 0;
    }

    /**
     * The per-slice table as a DataFrame, one row per slice, columns as in the CSV: whole numbers as long, other
     * numbers as double, the rest as strings; empty cells are null.
     */
    public Dataset<Row> perSlice(SparkSession spark) {
        CsvTable t = perSlice == null ? CsvTable.builder().setColumns("patient").build() : perSlice;
        return toDataFrame(spark, t);
    }

    /** A CSV table as a DataFrame with a column type inferred per column (long, double or string). */
    public static Dataset<Row> toDataFrame(SparkSession spark, CsvTable t) {
        List<String> columns = t.columns();
        DataType[] types = new DataType[columns.size()];
        StructField[] fields = new StructField[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            types[c] = typeOf(t, c);
            fields[c] = DataTypes.createStructField(columns.get(c), types[c], true);
        }
        List<Row> rows = new ArrayList<>(t.rowCount());
        for (List<String> r : t.rows()) {
            Object[] v = new Object[columns.size()];
            for (int c = 0; c < v.length; c++) v[c] = value(r.get(c), types[c]);
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, new StructType(fields));
    }

    private static DataType typeOf(CsvTable t, int c) {
        boolean whole = true, number = true;
        for (List<String> r : t.rows()) {
            String s = r.get(c);
            if (s == null || s.isEmpty()) continue;
            if (whole && !s.matches("-?\\d{1,18}")) whole = false;
            if (!whole && !isDouble(s)) {
                number = false;
                break;
            }
        }
        return whole ? DataTypes.LongType : number ? DataTypes.DoubleType : DataTypes.StringType;
    }

    private static boolean isDouble(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Object value(String s, DataType type) {
        if (s == null || s.isEmpty()) return null;
        if (type == DataTypes.LongType) return Long.parseLong(s);
        if (type == DataTypes.DoubleType) return Double.parseDouble(s);
        return s;
    }
}
