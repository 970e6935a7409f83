package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.braintumor.data.LggDataset;
import io.github.braintumor.data.LggTiff;
import io.github.braintumor.data.ModalityPattern;
import io.github.braintumor.data.SliceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary.json} byte for byte as the string-keyed summary wrote it before the typed {@link EvaluationResult}
 * summary: the files under {@code src/test/resources/io/github/braintumor/eval/golden/} were written by that code
 * (synthetic data only), with the temporary folder written {@code $TMP} and the two timing values ({@code seconds},
 * {@code slices_per_second}) written {@code "$TIME"}. Run with {@code -Dbraintumor.golden.record=DIR} to write
 * them again into DIR instead of comparing.
 */
class SummaryJsonGoldenTest {

    @TempDir
    Path tmp;

    /** Predicted masks, an in-memory classifier, largest component and a minimum area (four variants). */
    @Test
    void predictionsWithClassifierAndPostProcessing() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        double[][] probabilities = {{0.1, 0.8, 0.4}, {0.6, 0.9, 0.2}};
        int[] call = {0};
        ClassificationModel classifier = (slices, cancel) -> probabilities[call[0]++].clone();
        Evaluation.ofPredictions(d, pred)
                .optClassificationModel(classifier, "fixed", 0.5)
                .optMinimumArea(4)
                .optLargestComponent(true)
                .setOutput(out)
                .build()
                .run();
        check("predictions-classifier.json", out);
    }

    /** An in-memory UNet with TTA (threshold sweep), evaluated as-is and darker: a robustness section. */
    @Test
    void segmentationModelWithRobustness() throws Exception {
        Path data = EvalFixtures.phantoms(tmp.resolve("data"), 2, 4);
        LggDataset d = LggDataset.index(data);
        SegmentationModel oracle = oracle(d);
        InputCondition darker = new InputCondition("darker", ModalityPattern.COMPLETE, 0.5);
        EvaluationResult other = Evaluation.builder(d)
                .optSegmentationModel(oracle, "oracle", 0.5)
                .optTta(true)
                .optCondition(darker)
                .setOutput(tmp.resolve("darker"))
                .build()
                .run();
        var row = EvaluationSummary.RobustnessRow.of(darker, other.summary());
        Path out = tmp.resolve("out");
        Evaluation.builder(d)
                .optSegmentationModel(oracle, "oracle", 0.5)
                .optTta(true)
                .optRobustness(List.of(row))
                .setOutput(out)
                .build()
                .run();
        check("segmentation-darker.json", tmp.resolve("darker"));
        check("segmentation-robustness.json", out);
    }

    /** A classifier alone: every segmentation key null, no variants. */
    @Test
    void classifierAlone() throws Exception {
        Path data = tmp.resolve("data"), pred = tmp.resolve("pred"), out = tmp.resolve("out");
        LggDataset d = EvalFixtures.writeCase(data, pred);
        double[][] probabilities = {{0.1, 0.8, 0.4}, {0.6, 0.9, 0.2}};
        int[] call = {0};
        ClassificationModel classifier = (slices, cancel) -> probabilities[call[0]++].clone();
        Evaluation.builder(d)
                .optClassificationModel(classifier, "fixed", 0.3)
                .setOutput(out)
                .build()
                .run();
        check("classifier-alone.json", out);
    }

    /** Probability 0.7 on each slice's true tumour, 0.2 on its left-most column (as in {@link EvaluationTest}). */
    private static SegmentationModel oracle(LggDataset d) throws IOException {
        Map<String, byte[]> byImage = new HashMap<>();
        for (SliceRecord r : d.slices()) {
            byImage.put(
                    Arrays.toString(
                            LggTiff.readImage(r.image(), LggTiff.ANY_SIZE).pixels()),
                    LggTiff.readMask(r.mask(), LggTiff.ANY_SIZE).pixels());
        }
        return (slices, cancel) -> {
            List<float[]> out = new ArrayList<>();
            for (var s : slices) {
                byte[] t = byImage.get(Arrays.toString(s.pixels()));
                float[] p = new float[s.width() * s.height()];
                for (int i = 0; i < p.length; i++) {
                    if (t != null && t[i] != 0) p[i] = 0.7f;
                    if (i % s.width() == 0) p[i] = Math.max(p[i], 0.2f);
                }
                out.add(p);
            }
            return out;
        };
    }

    private void check(String golden, Path out) throws IOException {
        String actual = normalised(Files.readString(out.resolve(EvaluationReport.SUMMARY), StandardCharsets.UTF_8));
        String record = System.getProperty("braintumor.golden.record");
        if (record != null) {
            Files.createDirectories(Path.of(record));
            Files.writeString(Path.of(record).resolve(golden), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in =
                Objects.requireNonNull(SummaryJsonGoldenTest.class.getResourceAsStream("golden/" + golden), golden)) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, golden);
        }
    }

    /** The text with the temporary folder as {@code $TMP} and the timing values as {@code "$TIME"}. */
    private String normalised(String json) {
        return json.replace(tmp.toAbsolutePath().toString(), "$TMP")
                .replaceAll("(\"(seconds|slices_per_second)\": )[^,\\n]+", "$1\"\\$TIME\"");
    }
}
