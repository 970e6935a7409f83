package io.github.braintumor.report;

import io.github.braintumor.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Plain charts for reports, drawn with Java2D into {@link BufferedImage}s (works with
 * {@code java.awt.headless=true}): grouped bar charts, line charts (learning curves, threshold curves) and
 * histograms, 800x500, with tick labels, axis labels, grid and a legend, in colour-blind-safe colours
 * (Okabe-Ito).
 *
 * <pre>{@code
 * Map<String, double[]> curves = new LinkedHashMap<>();
 * curves.put("train loss", new double[] {0.9, 0.5, 0.3});
 * curves.put("validation loss", new double[] {1.0, 0.6, 0.45});
 * BufferedImage img = Charts.lineChart("Learning curve", new double[] {1, 2, 3}, curves, "epoch", "loss");
 * Charts.writePng(img, Path.of("out/learning-curve.png"));
 * }</pre>
 * Non-finite values in bar and line series are left out (a gap), not drawn at zero.
 */
public final class Charts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Okabe-Ito palette, the colour-blind-safe default. */
    static final Color[] PALETTE = {
        new Color(0x0072B2),
        new Color(0xD55E00),
        new Color(0x009E73),
        new Color(0xE69F00),
        new Color(0x56B4E9),
        new Color(0xCC79A7),
        new Color(0xF0E442),
        Color.BLACK
    };

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xE0E0E0);

    private Charts() {}

    /**
     * Grouped bars: one group per category, one bar per series (e.g. Dice and IoU per hospital).
     *
     * @param series name -> one value per category
     */
    public static BufferedImage barChart(
            String title, List<String> categories, Map<String, double[]> series, String yLabel) {
        if (categories.isEmpty()) throw new IllegalArgumentException("Bar chart '" + title + "' has no categories");
        checkSeries(title, series, categories.size(), "categories");
        double[] range = finiteRange(series.values(), 0, 0); // bars start at 0
        Axis y = Axis.nice(range[0], range[1], false);
        int labelHeight = categoryLabelHeight(categories, series.size());
        Canvas c = new Canvas(title, y, series.keySet(), labelHeight);
        int n = categories.size();
        double slot = c.plot.width / (double) n;
        double barWidth = slot * 0.8 / series.size();
        int s = 0;
        for (double[] values : series.values()) {
            c.g.setColor(PALETTE[s % PALETTE.length]);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(values[i])) continue;
                double x0 = c.plot.x + slot * i + slot * 0.1 + barWidth * s;
                double yv = c.yPixel(values[i]), y0 = c.yPixel(0);
                c.g.fill(new Rectangle2D.Double(x0, Math.min(yv, y0), Math.max(1, barWidth - 1), Math.abs(y0 - yv)));
            }
            s++;
        }
        c.drawFrame();
        // category labels, upright if they fit, else vertical; thinned when crowded
        c.g.setFont(TICK);
        FontMetrics fm = c.g.getFontMetrics();
        boolean vertical = labelHeight > 0;
        int every = Math.max(1, (int) Math.ceil((fm.getHeight() + 2) / slot));
        c.g.setColor(Color.BLACK);
        for (int i = 0; i < n; i += vertical ? every : 1) {
            String label = shorten(categories.get(i));
            double cx = c.plot.x + slot * (i + 0.5);
            int top = c.plot.y + c.plot.height + 6;
            if (vertical) {
                AffineTransform saved = c.g.getTransform();
                c.g.translate(cx + fm.getAscent() / 2.0 - 2, top);
                c.g.rotate(Math.PI / 2);
                c.g.drawString(label, 0, 0);
                c.g.setTransform(saved);
            } else {
                c.g.drawString(label, (float) (cx - fm.stringWidth(label) / 2.0), top + fm.getAscent());
            }
        }
        c.yLabel(yLabel);
        c.legend(series.keySet());
        return c.done();
    }

    /**
     * Lines over a numeric x axis, one per series (e.g. train and validation loss per epoch).
     *
     * @param series name -> one value per x
     */
    public static BufferedImage lineChart(
            String title, double[] x, Map<String, double[]> series, String xLabel, String yLabel) {
        if (x.length == 0) throw new IllegalArgumentException("Line chart '" + title + "' has no x values");
        for (double v : x) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("Line chart '" + title + "' has x = " + v);
        }
        checkSeries(title, series, x.length, "x values");
        double[] range = finiteRange(series.values(), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        double lo = range[0], hi = range[1];
        if (lo > hi) { // nothing finite to draw
            lo = 0;
            hi = 1;
        }
        Axis yAxis = Axis.nice(lo, hi, false);
        Axis xAxis = Axis.nice(min(x), max(x), false);
        Canvas c = new Canvas(title, yAxis, series.keySet(), 0);
        c.xAxis = xAxis;
        boolean markers = x.length <= 60;
        int s = 0;
        for (double[] values : series.values()) {
            Color colour = PALETTE[s++ % PALETTE.length];
            c.g.setColor(colour);
            c.g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean penDown = false;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(values[i])) {
                    penDown = false;
                    continue;
                }
                double px = c.xPixel(x[i]), py = c.yPixel(values[i]);
                if (penDown) path.lineTo(px, py);
                else path.moveTo(px, py);
                penDown = true;
                if (markers) c.g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
            }
            c.g.draw(path);
        }
        c.g.setStroke(new BasicStroke(1f));
        c.drawFrame();
        c.xTicks();
        c.xLabel(xLabel);
        c.yLabel(yLabel);
        c.legend(series.keySet());
        return c.done();
    }

    /** Histogram of finite values in {@code bins} equal bins from their minimum to their maximum. */
    public static BufferedImage histogram(String title, double[] values, int bins, String xLabel) {
        if (bins < 1) throw new IllegalArgumentException("Histogram '" + title + "' needs bins >= 1, got " + bins);
        if (values.length == 0) throw new IllegalArgumentException("Histogram '" + title + "' has no values");
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Histogram '" + title + "' has a non-finite value " + v);
            }
        }
        double lo = min(values), hi = max(values);
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        long[] counts = new long[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
        }
        long maxCount = 0;
        for (long k : counts) maxCount = Math.max(maxCount, k);
        Canvas c = new Canvas(title + "  (n = " + values.length + ")", Axis.nice(0, maxCount, true), List.of(), 0);
        c.xAxis = Axis.exact(lo, hi);
        c.g.setColor(PALETTE[0]);
        double w = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) {
            double x0 = c.xPixel(lo + b * w), x1 = c.xPixel(lo + (b + 1) * w);
            double y0 = c.yPixel(0), y1 = c.yPixel(counts[b]);
            c.g.fill(new Rectangle2D.Double(x0, y1, Math.max(1, x1 - x0 - 1), y0 - y1));
        }
        c.drawFrame();
        c.xTicks();
        c.xLabel(xLabel);
        c.yLabel("count");
        return c.done();
    }

    /** Writes a PNG atomically (temporary file + move). */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("No PNG writer available for " + png);
            }
        });
    }

    /** @return {lo, hi}: the given bounds widened to every finite value of the series (NaN and infinities skipped) */
    private static double[] finiteRange(Collection<double[]> series, double lo, double hi) {
        for (double[] values : series) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static void checkSeries(String title, Map<String, double[]> series, int length, String what) {
        if (series.isEmpty()) throw new IllegalArgumentException("Chart '" + title + "' has no series");
        series.forEach((name, values) -> {
            if (values.length != length) {
                throw new IllegalArgumentException("Series '" + name + "' of chart '" + title + "' has " + values.length
                        + " values but there are " + length + " " + what);
            }
        });
    }

    private static String shorten(String label) {
        return label.length() <= 28 ? label : label.substring(0, 27) + "\u2026";
    }

    /** Extra room under the plot for category labels: none if they fit upright, else their vertical length. */
    private static int categoryLabelHeight(List<String> categories, int legendEntries) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setFont(TICK);
        FontMetrics fm = scratch.getFontMetrics();
        int longest = categories.stream()
                .mapToInt(l -> fm.stringWidth(shorten(l)))
                .max()
                .orElse(0);
        scratch.dispose();
        // The narrowest plot (widest tick labels and legend) gives the smallest slot: a safe estimate.
        double slot = (WIDTH - 100 - (legendEntries > 0 ? 260 : 25)) / (double) categories.size();
        return longest > slot - 4 ? Math.min(170, longest + 10) : 0;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    /** An axis range with round tick marks (1, 2 or 5 times a power of ten). */
    record Axis(double lo, double hi, double step, boolean expandTicks) {

        static Axis nice(double min, double max, boolean integer) {
            if (max - min < 1e-12) {
                double pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
                min -= pad;
                max += pad;
            }
            double step = niceStep((max - min) / 5);
            if (integer) step = Math.max(1, Math.round(step));
            return new Axis(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, step, true);
        }

        /** The range as given, ticks at round values inside it. */
        static Axis exact(double min, double max) {
            return new Axis(min, max, niceStep((max - min) / 5), false);
        }

        static double niceStep(double rough) {
            double exponent = Math.floor(Math.log10(rough));
            double fraction = rough / Math.pow(10, exponent);
            double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
            return nice * Math.pow(10, exponent);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            double first = Math.ceil(lo / step - 1e-9) * step;
            for (double v = first; v <= hi + step * 1e-9; v += step) {
                t.add(Math.round(v / step) * step); // no 0.30000000000000004
            }
            return t;
        }
    }

    /** One chart being drawn: title, plot area, y axis, optional x axis and legend room. */
    private static final class Canvas {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        final Rectangle plot;
        final Axis yAxis;
        Axis xAxis;

        Canvas(String title, Axis yAxis, Collection<String> legend, int extraBottom) {
            this.yAxis = yAxis;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(TICK);
            FontMetrics tick = g.getFontMetrics();
            int tickWidth = 0;
            for (double t : yAxis.ticks()) tickWidth = Math.max(tickWidth, tick.stringWidth(CellFormat.format(t)));
            g.setFont(LABEL);
            int legendWidth = 0;
            for (String name : legend)
                legendWidth = Math.max(legendWidth, g.getFontMetrics().stringWidth(name));
            int left = 30 + tickWidth + 10;
            int right = legend.isEmpty() ? 25 : Math.min(260, legendWidth + 50);
            int top = 50;
            int bottom = 60 + extraBottom;
            plot = new Rectangle(left, top, WIDTH - left - right, HEIGHT - top - bottom);
            g.setFont(TITLE);
            g.setColor(Color.BLACK);
            FontMetrics tm = g.getFontMetrics();
            g.drawString(title, Math.max(5, (WIDTH - tm.stringWidth(title)) / 2), 32);
            // grid and y ticks
            g.setFont(TICK);
            for (double t : yAxis.ticks()) {
                int py = (int) Math.round(yPixel(t));
                g.setColor(GRID);
                g.drawLine(plot.x, py, plot.x + plot.width, py);
                g.setColor(Color.BLACK);
                String s = CellFormat.format(t);
                g.drawString(s, plot.x - 6 - tick.stringWidth(s), py + tick.getAscent() / 2 - 1);
                g.drawLine(plot.x - 4, py, plot.x, py);
            }
        }

        double yPixel(double v) {
            return plot.y + plot.height - (v - yAxis.lo()) / (yAxis.hi() - yAxis.lo()) * plot.height;
        }

        double xPixel(double v) {
            return plot.x + (v - xAxis.lo()) / (xAxis.hi() - xAxis.lo()) * plot.width;
        }

        void drawFrame() {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height));
            g.draw(new Line2D.Double(plot.x, plot.y, plot.x, plot.y + plot.height));
        }

        void xTicks() {
            g.setFont(TICK);
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.BLACK);
            for (double t : xAxis.ticks()) {
                int px = (int) Math.round(xPixel(t));
                int base = plot.y + plot.height;
                g.drawLine(px, base, px, base + 4);
                String s = CellFormat.format(t);
                g.drawString(s, px - fm.stringWidth(s) / 2, base + 6 + fm.getAscent());
            }
        }

        void xLabel(String label) {
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(label, plot.x + (plot.width - fm.stringWidth(label)) / 2, HEIGHT - 15);
        }

        void yLabel(String label) {
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            AffineTransform saved = g.getTransform();
            g.translate(20, plot.y + (plot.height + fm.stringWidth(label)) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(label, 0, 0);
            g.setTransform(saved);
        }

        void legend(Collection<String> names) {
            g.setFont(LABEL);
            FontMetrics fm = g.getFontMetrics();
            int x = plot.x + plot.width + 15, y = plot.y + 5;
            int i = 0;
            for (String name : names) {
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(x, y + i * 22, 14, 14);
                g.setColor(Color.BLACK);
                g.drawString(name, x + 20, y + i * 22 + fm.getAscent() - 2);
                i++;
            }
        }

        BufferedImage done() {
            g.dispose();
            return image;
        }
    }

    /** Convenience for callers building series maps inline. */
    public static Map<String, double[]> series(String name, double[] values) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(name, values);
        return m;
    }
}
