package io.github.braintumor.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small CSV files of this package (data.csv, split.csv) read one way: UTF-8, a byte-order mark before the header
 * ignored, blank lines skipped, each row kept with its 1-based line number for error messages.
 *
 * <pre>{@code
 * CsvLines csv = CsvLines.read(Path.of("split.csv"));
 * for (CsvLines.Row row : csv.rows()) System.out.println(row.lineNumber() + ": " + row.cells()[0]);
 * }</pre>
 *
 * @param header the first line without a byte-order mark, {@code null} for an empty file
 * @param rows the non-blank lines after the header
 */
record CsvLines(String header, List<Row> rows) {

    /** One non-blank line: its number in the file (header = 1), its text and its cells. */
    record Row(int lineNumber, String text, String[] cells) {}

    static CsvLines read(Path csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return new CsvLines(null, List.of());
            }
            List<Row> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(new Row(lineNo, line, split(line)));
                }
            }
            return new CsvLines(header.startsWith("\uFEFF") ? header.substring(1) : header, rows);
        }
    }

    /** Splits one CSV line; handles double-quoted cells (data.csv has none, but spreadsheets add them). */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells.toArray(String[]::new);
    }
}
