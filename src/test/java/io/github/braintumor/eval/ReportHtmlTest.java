package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braintumor.data.LggDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void everyImageOfTheReportExistsAndIsAPng() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        int[] call = {0};
        double[][] p = {{0.1, 0.8, 0.4}, {0.6, 0.9, 0.2}};
        Evaluation.ofPredictions(d, pred)
                .optLargestComponent(true)
                .optClassificationModel((slices, cancel) -> p[call[0]++], "fixed", 0.5)
                .setOutput(out)
                .build()
                .run();
        String html = Files.readString(out.resolve(EvaluationReport.REPORT));
        Matcher m = Pattern.compile("<img[^>]*src=\"([^\"]+)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (m.find()) sources.add(m.group(1));
        assertTrue(sources.size() >= 6, "charts and overlays: " + sources);
        assertTrue(sources.contains("best_1.png") && sources.contains("worst_1.png"), sources.toString());
        for (String src : sources) {
            Path png = out.resolve(src);
            assertTrue(Files.isRegularFile(png), src + " is missing");
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
            assertTrue(
                    java.util.Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, head),
                    src + " is not a PNG");
            assertNotNull(ImageIO.read(png.toFile()), src + " does not decode");
        }
        assertTrue(html.contains("pixel accuracy") || html.contains("Pixel accuracy"), "explains pixel accuracy");
        assertFalse(html.contains("NaN"), "no NaN on the page");
        screenshotIfChromiumExists(out);
    }

    /** Optional: a headless browser renders the page without error (skipped without /usr/bin/chromium). */
    private static void screenshotIfChromiumExists(Path out) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) return;
        Path shot = out.resolve("screenshot.png");
        Process proc = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--screenshot=" + shot,
                        "--window-size=1200,3000",
                        out.resolve(EvaluationReport.REPORT).toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            return;
        }
        assertTrue(Files.isRegularFile(shot), "chromium wrote no screenshot");
        assertNotNull(ImageIO.read(shot.toFile()));
    }
}
