package io.github.braintumor.model;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Per-epoch training record, written as CSV ({@code epoch,train_loss,val_loss,val_metric,learning_rate,seconds}).
 *
 * <pre>{@code
 * LearningCurve c = new LearningCurve();
 * c.add(new LearningCurve.Row(1, 0.8, 0.7, 0.41, 1e-3, 120.0));
 * c.writeCsv(Path.of("learning_curve.csv"));
 * }</pre>
 */
public final class LearningCurve {
    /** File name used inside bundles and checkpoints. */
    public static final String FILE_NAME = "learning_curve.csv";

    static final String HEADER = "epoch,train_loss,val_loss,val_metric,learning_rate,seconds";

    /** One epoch. */
    public record Row(
            int epoch, double trainLoss, double valLoss, double valMetric, double learningRate, double seconds) {}

    private final List<Row> rows = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** @return a copy holding the rows up to and including {@code epoch} */
    public LearningCurve upTo(int epoch) {
        LearningCurve c = new LearningCurve();
        rows.stream().filter(r -> r.epoch() <= epoch).forEach(c::add);
        return c;
    }

    /** Writes the CSV atomically. */
    public void writeCsv(Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%.6f,%.6f,%.6f,%.3e,%.1f%n",
                    r.epoch(),
                    r.trainLoss(),
                    r.valLoss(),
                    r.valMetric(),
                    r.learningRate(),
                    r.seconds()));
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /** Reads a CSV written by {@link #writeCsv}. */
    public static LearningCurve readCsv(Path csv) throws IOException {
        LearningCurve c = new LearningCurve();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                c.add(new Row(
                        Integer.parseInt(f[0]),
                        Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]),
                        Double.parseDouble(f[5])));
            } catch (RuntimeException e) {
                throw new IOException(csv + " line " + (i + 1) + " is not a learning-curve row: " + line, e);
            }
        }
        return c;
    }
}
