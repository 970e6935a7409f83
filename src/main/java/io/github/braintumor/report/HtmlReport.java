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
 * beside the page, by relative path) and key-value lists, in the order added. All text is escaped.
 *
 * <pre>{@code
 * HtmlReport report = HtmlReport.builder().setTitle("UNet evaluation")
 *         .addParagraph("Test split, 22 patients.")
 *         .addSection("Scores")
 *         .addKeyValues(summary.toMap())
 *         .addTable("Per patient", perPatientTable)
 *         .addImage("charts/dice-per-patient.png", "Volume Dice per patient")
 *         .build();
 * report.write(Path.of("out/report.html"));
 * }</pre>
 */
public final class HtmlReport {

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

        /** A table; numeric cells are right-aligned. */
        public Builder addTable(String caption, CsvTable table) {
            StringBuilder sb = new StringBuilder("<table>\n");
            if (caption != null) sb.append("<caption>").append(escape(caption)).append("</caption>\n");
            sb.append("<thead><tr>");
            for (String c : table.columns()) sb.append("<th>").append(escape(c)).append("</th>");
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
            sb.append("</tbody>\n</table>");
            parts.add(sb.toString());
            return this;
        }

        /**
         * An image by a path relative to the page (e.g. {@code charts/roc.png}).
         *
         * @throws IllegalArgumentException for an absolute path or a URL: the page must stay movable
         */
        public Builder addImage(String relativePath, String caption) {
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
            parts.add(sb.append("</figure>").toString());
            return this;
        }

        /** Key-value pairs as a two-column list; values formatted by {@link CellFormat}. */
        public Builder addKeyValues(Map<String, ?> values) {
            StringBuilder sb = new StringBuilder("<table class=\"kv\">\n<tbody>\n");
            values.forEach((k, v) -> {
                String cell = CellFormat.format(v);
                sb.append("<tr><th>")
                        .append(escape(k))
                        .append("</th>")
                        .append(isNumber(cell) ? "<td class=\"num\">" : "<td>")
                        .append(escape(cell))
                        .append("</td></tr>\n");
            });
            parts.add(sb.append("</tbody>\n</table>").toString());
            return this;
        }

        public HtmlReport build() {
            if (title == null) throw new IllegalStateException("Call setTitle(...) before build()");
            return new HtmlReport(title, parts);
        }
    }

    /** The page. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}\n")
                .append("thead th{background:#f0f0f0}\ntd.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(
                        "table.kv th{background:#f7f7f7;font-weight:normal}\ncaption{font-weight:bold;text-align:left}\n")
                .append("figure{margin:1em 0}img{max-width:100%}figcaption{color:#555}\n")
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
