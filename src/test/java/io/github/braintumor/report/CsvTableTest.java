package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path dir;

    @Test
    void formatsNumbersWithSixSignificantDigitsAndRootLocale() {
        assertEquals("0.997803", CellFormat.format(0.99780273));
        assertEquals("2", CellFormat.format(2.0));
        assertEquals("0.1", CellFormat.format(0.1f));
        assertEquals("1234570", CellFormat.format(1234567.0));
        assertEquals("1.5E-7", CellFormat.format(1.5e-7));
        assertEquals("-0.25", CellFormat.format(-0.25));
        assertEquals("12345678901", CellFormat.format(12345678901L)); // integers stay exact
        assertEquals("NaN", CellFormat.format(Double.NaN));
        assertEquals("", CellFormat.format(null));
        assertEquals("", CellFormat.format(OptionalDouble.empty()));
        assertEquals("0.5", CellFormat.format(OptionalDouble.of(0.5)));
    }

    @Test
    void quotesPerRfc4180() {
        CsvTable t = CsvTable.builder()
                .setColumns("name", "note")
                .addRow("a,b", "he said \"hi\"")
                .addRow("line\nbreak", "plain")
                .build();
        assertEquals("name,note\n\"a,b\",\"he said \"\"hi\"\"\"\n\"line\nbreak\",plain\n", t.toString());
    }

    @Test
    void writeAndReadBack() throws IOException {
        CsvTable t = CsvTable.builder()
                .setColumns("patient", "dice", "note")
                .addRow("TCGA_CS_4941", 0.8123456, "ok")
                .addRow(Map.of("patient", "x,y", "dice", 0.5))
                .addRow("q\"uote", null, "multi\r\nline")
                .build();
        Path csv = dir.resolve("sub/table.csv");
        t.write(csv);
        CsvTable back = CsvTable.read(csv);
        assertEquals(t, back);
        assertEquals("0.812346", back.get(0, "dice"));
        assertEquals("", back.get(1, "note"));
        assertArrayEquals(new double[] {0.812346, 0.5, Double.NaN}, back.doubleColumn("dice"));
        assertEquals(
                List.of("table.csv"),
                Files.list(csv.getParent()).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void singleColumnWithEmptyCellRoundTrips() {
        CsvTable t =
                CsvTable.builder().setColumns("only").addRow("").addRow("x").build();
        assertEquals(t, CsvTable.parse(t.toCsv()));
    }

    @Test
    void readsCrlfAndByteOrderMark() {
        CsvTable t = CsvTable.parse("\uFEFFa,b\r\n1,2\r\n");
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(List.of("1", "2"), t.row(0));
    }

    @Test
    void malformedInputNamesTheProblem() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2,3\n");
        IOException e = assertThrows(IOException.class, () -> CsvTable.read(bad));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("3 fields"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a\n\"open\n"));
    }

    @Test
    void builderChecksShapes() {
        assertThrows(IllegalArgumentException.class, () -> CsvTable.builder().setColumns("a", "a"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CsvTable.builder().setColumns("a", "b").addRow(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> CsvTable.builder().setColumns("a").addRow(Map.of("zzz", 1)));
        assertThrows(IllegalStateException.class, () -> CsvTable.builder().addRow(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> CsvTable.builder().setColumns("a").build().column("b"));
    }
}
