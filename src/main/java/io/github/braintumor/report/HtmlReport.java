package io.github.braintumor.report;

import io.github.braintumor.io.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML page of results: title, paragraphs, headed sections, tables, images (PNG files
 * beside the page, by relative path), grids of images, cards of key-value pairs, collapsed details and key-value
 * lists, in the order added. All text is escaped. Inline CSS only, no script. The page never scrolls sideways:
 * each table sits in its own box that scrolls when the table is wider than the page, and images shrink to fit.
 *
 * <pre>{@code
 * HtmlReport report = HtmlReport.builder().setTitle("UNet evaluation")
 *         .addParagraph("Test split, 22 patients.")
 *         .addSection("Scores")
 *         .addKeyValues(summary.toMap())
 *         .addTable("Per patient", perPatientTable)
 *         .addImage("charts/dice-per-patient.png", "Volume Dice per patient")
 *         .addFigures(List.of(new HtmlReport.Figure("best_1.png", "Good example 1")))
 *         .addCards(List.of(new HtmlReport.Card("UNet", Map.of("kind", "unet"))))
 *         .addDetails("Raw model description (JSON)", json)
 *         .build();
 * report.write(Path.of("out/report.html"));
 * }</pre>
 */
public final class HtmlReport {

    /** Header words joined by underscores (column names such as {@code dice_per_patient_mean}) may break there. */
    private static final String BREAK_AFTER_UNDERSCORE = "_<wbr>";

    /**
     * An image of a {@link Builder#addFigures grid}.
     *
     * @param relativePath path relative to the page (see {@link Builder#addImage})
     * @param caption shown under the image, or null
     */
    public record Figure(String relativePath, String caption) {}

    /**
     * A card of a {@link Builder#addCards card grid}: a heading over labelled values.
     *
     * @param fields label -> value, in order; values formatted by {@link CellFormat}, nulls left out
     */
    public record Card(String title, Map<String, ?> fields) {}

    private final String title;
    private final List<String> parts;

    private HtmlReport(String title, List<String> parts) {
        this.title = title;
        this.parts = List.copyOf(parts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Title required; content parts appear in the order added. */
    public static final class Builder {
        private String title;
        private final List<String> parts = new ArrayList<>();

        private Builder() {}

        public Builder setTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        public Builder addParagraph(String text) {
            return addElement("p", text);
        }

        /** A level-2 heading that starts a section. */
        public Builder addSection(String heading) {
            return addElement("h2", heading);
        }

        /** A level-3 heading inside a section. */
        public Builder addSubsection(String heading) {
            return addElement("h3", heading);
        }

        /** Fixed-width text (logs, settings), kept as written. */
        public Builder addPreformatted(String text) {
            return addElement("pre", text);
        }

        private Builder addElement(String tag, String text) {
            parts.add("<" + tag + ">" + escape(text) + "</" + tag + ">");
            return this;
        }

        public Builder addTable(CsvTable table) {
            return addTable(null, table);
        }

        /**
         * A table in a box of its own that scrolls sideways when the table is wider than the page; numeric cells are
         * right-aligned and never wrap, column names may wrap at underscores.
         */
        public Builder addTable(String caption, CsvTable table) {
            StringBuilder sb = new StringBuilder(TABLE_BOX).append("<table>\n");
            if (caption != null) sb.append("<caption>").append(escape(caption)).append("</caption>\n");
            sb.append("<thead><tr>");
            for (String c : table.columns()) sb.append("<th>").append(header(c)).append("</th>");
            sb.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : table.rows()) {
                sb.append("<tr>");
                for (String cell : row) {
                    sb.append(isNumber(cell) ? "<td class=\"num\">" : "<td>")
                            .append(escape(cell))
                            .append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table></div>");
            parts.add(sb.toString());
            return this;
        }

        /**
         * An image by a path relative to the page (e.g. {@code charts/roc.png}).
         *
         * @throws IllegalArgumentException for an absolute path or a URL: the page must stay movable
         */
        public Builder addImage(String relativePath, String caption) {
            parts.add(figure(relativePath, caption));
            return this;
        }

        /**
         * Images side by side in a grid (as many per row as fit at 240 px or more each),
         * each shrunk to its column: example overlays, small multiples.
         *
         * @throws IllegalArgumentException for an absolute path or a URL (see {@link #addImage})
         */
        public Builder addFigures(List<Figure> figures) {
            StringBuilder sb = new StringBuilder("<div class=\"figure-grid\">\n");
            for (Figure f : figures)
                sb.append(figure(f.relativePath(), f.caption())).append('\n');
            parts.add(sb.append("</div>").toString());
            return this;
        }

        /** Cards side by side (one per row on a narrow page), each a heading over its labelled values. */
        public Builder addCards(List<Card> cards) {
            StringBuilder sb = new StringBuilder("<div class=\"cards\">\n");
            for (Card card : cards) {
                sb.append("<section class=\"card\"><h3>")
                        .append(escape(card.title()))
                        .append("</h3>\n<dl>\n");
                card.fields().forEach((k, v) -> {
                    if (v == null) return;
                    sb.append("<dt>")
                            .append(escape(k))
                            .append("</dt><dd>")
                            .append(escape(CellFormat.format(v)))
                            .append("</dd>\n");
                });
                sb.append("</dl></section>\n");
            }
            parts.add(sb.append("</div>").toString());
            return this;
        }

        /** Fixed-width text (raw JSON, logs) collapsed under a one-line summary the reader clicks to open. */
        public Builder addDetails(String summary, String text) {
            parts.add("<details><summary>" + escape(summary) + "</summary><pre>" + escape(text) + "</pre></details>");
            return this;
        }

        private static String figure(String relativePath, String caption) {
            String path = relativePath.replace('\\', '/');
            if (path.startsWith("/") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                throw new IllegalArgumentException(
                        "Image path '" + relativePath + "' must be relative to the report, e.g. charts/dice.png");
            }
            String src;
            try {
                src = new URI(null, null, path, null).toASCIIString(); // spaces and non-ASCII percent-encoded
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Image path '" + relativePath + "' is not usable in a page", e);
            }
            String alt = caption == null ? path : caption;
            StringBuilder sb = new StringBuilder("<figure><img src=\"")
                    .append(escape(src))
                    .append("\" alt=\"")
                    .append(escape(alt))
                    .append("\">");
            if (caption != null)
                sb.append("<figcaption>").append(escape(caption)).append("</figcaption>");
            return sb.append("</figure>").toString();
        }

        /** Key-value pairs as a two-column list; values formatted by {@link CellFormat}. */
        public Builder addKeyValues(Map<String, ?> values) {
            StringBuilder sb = new StringBuilder(TABLE_BOX).append("<table class=\"kv\">\n<tbody>\n");
            values.forEach((k, v) -> {
                String cell = CellFormat.format(v);
                sb.append("<tr><th>")
                        .append(header(k))
                        .append("</th>")
                        .append(isNumber(cell) ? "<td class=\"num\">" : "<td>")
                        .append(escape(cell))
                        .append("</td></tr>\n");
            });
            parts.add(sb.append("</tbody>\n</table></div>").toString());
            return this;
        }

        public HtmlReport build() {
            if (title == null) throw new IllegalStateException("Call setTitle(...) before build()");
            return new HtmlReport(title, parts);
        }
    }

    /** Opens the box each table sits in (closed after the table). */
    static final String TABLE_BOX = "<div class=\"table-scroll\">";

    /** Narrowest column of a {@link Builder#addFigures figure grid}. */
    static final int GRID_MIN_WIDTH_PX = 240;

    // Every box may shrink to the page (min-width:0 in grids, max-width:100% on images and table boxes), so
    // nothing can push the page wider than the window; what cannot shrink (a wide table) scrolls in its own box.
    private static final String CSS = String.join(
            "\n",
            "*,*::before,*::after{box-sizing:border-box}",
            "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;"
                    + "overflow-wrap:break-word}",
            ".table-scroll{max-width:100%;overflow-x:auto;margin:1em 0}",
            "table{border-collapse:collapse}",
            "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}",
            "thead th{background:#f0f0f0}",
            "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}",
            "table.kv th{background:#f7f7f7;font-weight:normal}",
            "caption{font-weight:bold;text-align:left}",
            "figure{margin:1em 0}",
            "img{max-width:100%;height:auto}",
            "figcaption{color:#555}",
            ".figure-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(" + GRID_MIN_WIDTH_PX
                    + "px,1fr));gap:1em;margin:1em 0}",
            ".figure-grid figure{margin:0;min-width:0}",
            ".figure-grid figcaption{font-size:90%}",
            ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1em;margin:1em 0}",
            ".card{border:1px solid #ccc;border-radius:6px;padding:0 1em;min-width:0}",
            ".card dl{display:grid;grid-template-columns:minmax(0,11em) minmax(0,1fr);gap:3px 1em}",
            ".card dt{color:#555}",
            ".card dd{margin:0;overflow-wrap:anywhere}",
            "pre{white-space:pre-wrap;overflow-wrap:anywhere}",
            "details{margin:1em 0}",
            "summary{cursor:pointer;color:#555}",
            "");

    /** The page. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        for (String p : parts) sb.append(p).append('\n');
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Writes the page as UTF-8, atomically. */
    public void write(Path html) throws IOException {
        AtomicFiles.writeString(html, toHtml());
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A header escaped, with a break opportunity after each underscore. */
    private static String header(String text) {
        return escape(text).replace("_", BREAK_AFTER_UNDERSCORE);
    }

    private static boolean isNumber(String cell) {
        if (cell.isEmpty()) return false;
        try {
            Double.parseDouble(cell);
            return !cell.endsWith("d") && !cell.endsWith("f") && !cell.endsWith("D") && !cell.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
