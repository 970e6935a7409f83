package io.github.braintumor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.XavierInitializer;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.engine.DjlEngine;
import io.github.braintumor.model.Architectures;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import io.github.braintumor.model.ModelKind;
import io.github.braintumor.model.PostProcessingSettings;
import io.github.braintumor.progress.ProgressListener;
import io.github.braintumor.report.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real (tiny, untrained) UNet bundle through DefaultSegmenter: the path a user takes with --unet. */
class EvaluationWithBundleTest {
    @TempDir
    Path tmp;

    @Test
    void evaluatesAUnetBundleWithTtaAndShowsItsLearningCurve() throws Exception {
        Path bundle = tmp.resolve("tiny-unet");
        DjlEngine.start();
        ModelInfo info = ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, 4, 2))
                .optInputSize(16)
                .optThreshold(0.5f)
                .optLearningCurve(LearningCurve.FILE_NAME)
                .build();
        LearningCurve curve = new LearningCurve();
        curve.add(new LearningCurve.Row(1, 0.9, 1.0, 0.2, 1e-3, 1));
        curve.add(new LearningCurve.Row(2, 0.6, 0.7, 0.4, 1e-3, 1));
        Path curveCsv = tmp.resolve(LearningCurve.FILE_NAME);
        curve.writeCsv(curveCsv);
        try (Model model = Model.newInstance("unet", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(Architectures.block(info));
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            model.getBlock().setInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            ModelBundle.save(bundle, model, info, Map.of(LearningCurve.FILE_NAME, curveCsv));
        }
        LggDataset d = LggDataset.index(EvalFixtures.phantoms(tmp.resolve("data"), 2, 3));
        Path out = tmp.resolve("out");
        EvaluationResult r = Evaluation.builder(d)
                .optUnet(bundle)
                .optTta(true)
                .optLargestComponent(true)
                .setOutput(out)
                .build()
                .run();
        EvaluationSummary s = r.summary();
        assertEquals(0.5, s.threshold(), 1e-6);
        assertNotNull(s.bestThreshold());
        @SuppressWarnings("unchecked")
        Map<String, Object> unet = (Map<String, Object>) s.model().get("unet");
        assertEquals(ModelBundle.readInfo(bundle).weightsSha256(), unet.get("weights_sha256"));
        assertEquals("tiny-unet", unet.get("name"));
        // raw, tta, and lcc and tta+lcc each as relative, by confidence and by size
        assertEquals(8, CsvTable.read(out.resolve("postprocessing.csv")).rowCount());
        assertEquals(19, CsvTable.read(out.resolve("thresholds.csv")).rowCount());
        assertTrue(Files.isRegularFile(out.resolve("learning_curve_unet.png")));
        assertTrue(Files.readString(out.resolve(EvaluationReport.REPORT)).contains("learning_curve_unet.png"));
    }

    @Test
    void writesTheEvaluatedPostProcessingIntoTheBundleOnlyWhenAsked() throws Exception {
        Path bundle = tmp.resolve("tiny-unet");
        DjlEngine.start();
        ModelInfo info = ModelInfo.builder(ModelKind.UNET)
                .setArchitecture(ModelInfo.unetArchitecture(3, 4, 2))
                .optInputSize(16)
                .optThreshold(0.5f)
                .build();
        try (Model model = Model.newInstance("unet", DjlEngine.device(), DjlEngine.ENGINE_NAME)) {
            model.setBlock(Architectures.block(info));
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            ModelBundle.save(bundle, model, info, Map.of());
        }
        Path data = EvalFixtures.phantoms(tmp.resolve("data"), 2, 3);
        EvaluationRequest.Builder request = EvaluationRequest.builder()
                .setData(data)
                .optUnet(bundle)
                .optLargestComponent(true)
                .optMinimumArea(5);
        request.setOutput(tmp.resolve("out1")).build().run(ProgressListener.silent(), () -> false);
        assertEquals(PostProcessingSettings.OFF, ModelBundle.verify(bundle).postProcessing(), "not asked: unchanged");

        request.setOutput(tmp.resolve("out2"))
                .optWritePostprocessing(true)
                .build()
                .run(ProgressListener.silent(), () -> false);
        ModelInfo written = ModelBundle.verify(bundle); // the weights' SHA-256 still matches
        assertEquals(new PostProcessingSettings(false, true, 5), written.postProcessing());
        assertEquals(0.5f, written.threshold(), "the threshold is written only with writeThreshold");
    }
}
