package io.github.braintumor.report;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table of text cells with a header, written and read as RFC 4180 CSV (fields holding a comma,
 * quote, CR or LF are quoted, quotes doubled; lines end with LF; UTF-8). Values are turned into text once,
 * by {@link CellFormat} (6 significant digits, '.' decimal point).
 *
 * <pre>{@code
 * CsvTable t = CsvTable.builder().setColumns("patient", "dice")
 *         .addRow("TCGA_CS_4941", 0.8123456).addRow("TCGA_CS_4942", 0.75).build();
 * t.write(Path.of("out/dice.csv"));     // patient,dice / TCGA_CS_4941,0.812346 / ...
 * CsvTable back = CsvTable.read(Path.of("out/dice.csv"));
 * double d = back.doubleColumn("dice")[0];
 * }</pre>
 */
public final class CsvTable {

    private final List<String> columns;
    private final List<List<String>> rows;

    private CsvTable(List<String> columns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows.stream().map(List::copyOf).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects columns (required, set first) and rows. */
    public static final class Builder {
        private List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder() {}

        public Builder setColumns(String... columns) {
            return setColumns(Arrays.asList(columns));
        }

        public Builder setColumns(List<String> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("A table needs at least one column");
            }
            if (columns.stream().distinct().count() != columns.size()) {
                throw new IllegalArgumentException("Column names must be unique, got " + columns);
            }
            columns.forEach(c -> Objects.requireNonNull(c, "column name"));
            this.columns = List.copyOf(columns);
            return this;
        }

        /** Adds a row of values in column order, formatted by {@link CellFormat}. */
        public Builder addRow(Object... values) {
            return addRow(Arrays.asList(values));
        }

        public Builder addRow(List<?> values) {
            requireColumns();
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException("Row " + rows.size() + " has " + values.size()
                        + " values but the table has " + columns.size() + " columns " + columns);
            }
            rows.add(values.stream().map(CellFormat::format).toList());
            return this;
        }

        /** Adds a row by column name; missing columns are empty. */
        public Builder addRow(Map<String, ?> valuesByColumn) {
            requireColumns();
            for (String key : valuesByColumn.keySet()) {
                if (!columns.contains(key)) {
                    throw new IllegalArgumentException("Row " + rows.size() + " has a value for unknown column '" + key
                            + "'; the columns are " + columns);
                }
            }
            return addRow(
                    columns.stream().map(c -> (Object) valuesByColumn.get(c)).toList());
        }

        private void requireColumns() {
            if (columns == null) {
                throw new IllegalStateException("Call setColumns(...) before adding rows");
            }
        }

        public CsvTable build() {
            requireColumns();
            return new CsvTable(columns, rows);
        }
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** All rows, each a list of cells in column order. */
    public List<List<String>> rows() {
        return rows;
    }

    public List<String> row(int index) {
        return rows.get(index);
    }

    public String get(int row, String column) {
        return rows.get(row).get(indexOf(column));
    }

    public List<String> column(String name) {
        int i = indexOf(name);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /** A column parsed as doubles; empty cells become NaN. */
    public double[] doubleColumn(String name) {
        int i = indexOf(name);
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            String cell = rows.get(r).get(i);
            try {
                out[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Cell '" + cell + "' in row " + r + ", column '" + name + "' is not a number", e);
            }
        }
        return out;
    }

    private int indexOf(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("No column '" + column + "'; the columns are " + columns);
        }
        return i;
    }

    /** The CSV text. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns);
        for (List<String> row : rows) {
            appendLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String cell = cells.get(i);
            // A lone empty cell would be a blank line; quote it so it reads back as a row.
            boolean quote = cell.isEmpty() && cells.size() == 1;
            for (int k = 0; k < cell.length() && !quote; k++) {
                char c = cell.charAt(k);
                quote = c == ',' || c == '"' || c == '\r' || c == '\n';
            }
            if (quote) {
                sb.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(cell);
            }
        }
        sb.append('\n');
    }

    /** Writes the CSV atomically (temporary file + move). */
    public void write(Path csv) throws IOException {
        AtomicFiles.writeString(csv, toCsv());
    }

    /**
     * Reads a CSV written by {@link #write} or any RFC 4180 file with a header line (CRLF or LF, optional
     * UTF-8 byte order mark).
     *
     * @throws IOException if unreadable or malformed; the message names the file and line
     */
    public static CsvTable read(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text (see {@link #read}). @throws IllegalArgumentException if malformed */
    public static CsvTable parse(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, fieldStarted = false;
        int line = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        if (i + 1 < n && ",\r\n".indexOf(text.charAt(i + 1)) < 0) {
                            throw new IllegalArgumentException(
                                    "line " + line + ": unexpected character after closing quote");
                        }
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
            } else if (c == '"') {
                throw new IllegalArgumentException("line " + line + ": quote inside an unquoted field");
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": quoted field is not closed");
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no header line; the file is empty");
        }
        List<String> header = records.get(0);
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != header.size()) {
                throw new IllegalArgumentException("record " + (r + 1) + " has "
                        + records.get(r).size() + " fields but the header has " + header.size());
            }
        }
        builder().setColumns(header); // same header checks as a built table
        return new CsvTable(header, records.subList(1, records.size()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvTable t && columns.equals(t.columns) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    /** The CSV text. */
    @Override
    public String toString() {
        return toCsv();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
