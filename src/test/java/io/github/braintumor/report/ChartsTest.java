package io.github.braintumor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    /** Pixels of a given colour: data drawn in that series' colour. */
    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
            }
        }
        return n;
    }

    private static int nonWhite(BufferedImage img) {
        return img.getWidth() * img.getHeight() - count(img, 0xFFFFFF);
    }

    @Test
    void lineChartDrawsEachSeriesAndWritesAReadablePng() throws IOException {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("train", new double[] {0.9, 0.5, 0.3, 0.2});
        s.put("validation", new double[] {1.0, 0.6, Double.NaN, 0.4});
        BufferedImage img = Charts.lineChart("Loss", new double[] {1, 2, 3, 4}, s, "epoch", "loss");
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertTrue(count(img, Charts.PALETTE[0].getRGB() & 0xFFFFFF) > 100, "first series drawn");
        assertTrue(count(img, Charts.PALETTE[1].getRGB() & 0xFFFFFF) > 100, "second series drawn");
        Path png = dir.resolve("charts/loss.png");
        Charts.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(800, back.getWidth());
        assertEquals(nonWhite(img), nonWhite(back));
    }

    @Test
    void barChartAndHistogramAreNotBlank() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("Dice", new double[] {0.8, 0.7, 0.6});
        s.put("IoU", new double[] {0.7, 0.55, -0.1});
        BufferedImage bar = Charts.barChart("By hospital", List.of("CS", "DU", "EZ"), s, "score");
        // a bar 0.8 high is ~1/1.0 of the plot: many pixels of the first colour
        assertTrue(count(bar, Charts.PALETTE[0].getRGB() & 0xFFFFFF) > 5000);
        double[] values = new Random(7).doubles(300).toArray();
        BufferedImage hist = Charts.histogram("Dice", values, 10, "Dice");
        assertTrue(count(hist, Charts.PALETTE[0].getRGB() & 0xFFFFFF) > 20000);
        BufferedImage many = Charts.barChart(
                "Per patient",
                java.util.stream.IntStream.range(0, 110)
                        .mapToObj(i -> "TCGA_XX_" + i)
                        .toList(),
                Charts.series("Dice", new double[110]),
                "Dice");
        assertTrue(nonWhite(many) > 1000);
    }

    @Test
    void niceTicks() {
        Charts.Axis a = Charts.Axis.nice(0.03, 0.97, false);
        assertEquals(0.0, a.lo(), 1e-12);
        assertEquals(1.0, a.hi(), 1e-12);
        assertEquals(0.2, a.step(), 1e-12);
        assertEquals(6, a.ticks().size()); // 0, 0.2, ..., 1
    }

    @Test
    void badInputIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Charts.lineChart("t", new double[] {1, 2}, Charts.series("s", new double[3]), "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram("t", new double[] {Double.NaN}, 3, "x"));
        assertThrows(IllegalArgumentException.class, () -> Charts.barChart("t", List.of(), Map.of(), "y"));
    }
}
