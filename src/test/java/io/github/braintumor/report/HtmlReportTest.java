package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void buildsAnEscapedPageInOrder() throws IOException {
        CsvTable t = CsvTable.builder()
                .setColumns("patient", "dice")
                .addRow("<p1>", 0.8)
                .build();
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("micro IoU", 0.7777777);
        kv.put("model", "UNet & co");
        HtmlReport r = HtmlReport.builder()
                .setTitle("Eval <test>")
                .addParagraph("5 < 6 & \"quoted\"")
                .addSection("Scores")
                .addKeyValues(kv)
                .addTable("Per patient", t)
                .addImage("charts/dice per patient.png", "Dice's chart")
                .build();
        String html = r.toHtml();
        assertTrue(html.contains("<title>Eval &lt;test&gt;</title>"));
        assertTrue(html.contains("<p>5 &lt; 6 &amp; &quot;quoted&quot;</p>"));
        assertTrue(html.contains("<td>&lt;p1&gt;</td><td class=\"num\">0.8</td>"));
        assertTrue(html.contains("<th>micro IoU</th><td class=\"num\">0.777778</td>"));
        assertTrue(html.contains("src=\"charts/dice%20per%20patient.png\""));
        assertTrue(html.contains("Dice&#39;s chart"));
        assertFalse(html.contains("<p1>"));
        assertTrue(html.indexOf("<h2>Scores</h2>") < html.indexOf("<caption>Per patient</caption>"));
        Path file = dir.resolve("report.html");
        r.write(file);
        assertEquals(html, Files.readString(file));
    }

    @Test
    void everyTableScrollsInItsOwnBoxAndHeadersWrapAtUnderscores() {
        CsvTable wide = CsvTable.builder()
                .setColumns("patient", "dice_per_patient_mean", "iou_tumour_slices_mean")
                .addRow("TCGA_CS_4941_19960909", 0.81, 0.7)
                .build();
        String html = HtmlReport.builder()
                .setTitle("t")
                .addTable("Per patient", wide)
                .addTable(wide)
                .addKeyValues(Map.of("seconds [seconds]", 3.5))
                .build()
                .toHtml();
        int tables = count(html, "<table");
        assertEquals(3, tables);
        assertEquals(tables, count(html, HtmlReport.TABLE_BOX + "<table"), "a table outside its scrolling box");
        assertEquals(tables, count(html, "</table></div>"));
        assertTrue(html.contains(".table-scroll{max-width:100%;overflow-x:auto"), "the box scrolls, not the page");
        assertTrue(html.contains("<th>dice_<wbr>per_<wbr>patient_<wbr>mean</th>"), "headers may wrap");
        assertTrue(html.contains("<td>TCGA_CS_4941_19960909</td>"), "cells are left as they are");
        assertTrue(html.contains("td.num{text-align:right;white-space:nowrap"), "numbers never wrap");
    }

    @Test
    void figuresSitSideBySideInAGridOfShrinkingImages() {
        String html = HtmlReport.builder()
                .setTitle("t")
                .addFigures(List.of(
                        new HtmlReport.Figure("best_1.png", "Good <1>"), new HtmlReport.Figure("best_2.png", null)))
                .build()
                .toHtml();
        int grid = html.indexOf("<div class=\"figure-grid\">");
        assertTrue(grid > 0, html);
        int end = html.indexOf("</div>", grid);
        String inside = html.substring(grid, end);
        assertEquals(2, count(inside, "<figure><img src=\"best_"), inside);
        assertTrue(inside.contains("<figcaption>Good &lt;1&gt;</figcaption>"));
        assertTrue(html.contains(".figure-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax("));
        assertTrue(html.contains("img{max-width:100%;height:auto}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> HtmlReport.builder().addFigures(List.of(new HtmlReport.Figure("/tmp/a.png", "a"))));
    }

    @Test
    void cardsListTheirValuesAndDetailsStayCollapsed() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "unet");
        fields.put("threshold", 0.4);
        fields.put("licence", null);
        fields.put("note", "a < b");
        String html = HtmlReport.builder()
                .setTitle("t")
                .addCards(List.of(new HtmlReport.Card("UNet & co", fields)))
                .addDetails("Raw JSON", "{\"a\": 1}")
                .build()
                .toHtml();
        assertTrue(html.contains("<section class=\"card\"><h3>UNet &amp; co</h3>"), html);
        assertTrue(html.contains("<dt>kind</dt><dd>unet</dd>\n<dt>threshold</dt><dd>0.4</dd>\n<dt>note</dt>"));
        assertTrue(html.contains("<dd>a &lt; b</dd>"));
        assertFalse(html.contains("licence"), "a null value is left out");
        assertTrue(html.contains("<details><summary>Raw JSON</summary><pre>{&quot;a&quot;: 1}</pre></details>"));
        assertFalse(html.contains("<details open"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void absoluteImagePathsAndMissingTitleAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("/tmp/a.png", "a"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("C:\\a.png", "a"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("http://x/a.png", "a"));
        assertThrows(IllegalStateException.class, () -> HtmlReport.builder().build());
    }
}
