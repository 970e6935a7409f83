package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    void absoluteImagePathsAndMissingTitleAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("/tmp/a.png", "a"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("C:\\a.png", "a"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder().addImage("http://x/a.png", "a"));
        assertThrows(IllegalStateException.class, () -> HtmlReport.builder().build());
    }
}
