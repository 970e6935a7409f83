package io.github.braintumor.eval;

import io.github.braintumor.io.AtomicFiles;
import io.github.braintumor.model.LearningCurve;
import io.github.braintumor.model.ModelBundle;
import io.github.braintumor.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an evaluation's summary says about its models, from the bundles' model.json (weights are not loaded): names,
 * paths, SHA-256, thresholds, learning curves, and whether it segments and sweeps thresholds; the model.json of each
 * bundle too, for the report's model cards.
 */
record EvaluatedModels(
        Double threshold,
        Double classifierThreshold,
        Map<String, Object> models,
        Map<String, ModelInfo> modelInfos,
        Path unetLearningCurve,
        Path classifierLearningCurve,
        boolean segmenting,
        boolean sweeping) {

    static EvaluatedModels of(
            MaskSource masks,
            Path classifier,
            ClassificationModel classificationModel,
            String classificationName,
            Double givenThreshold,
            double givenClassifierThreshold)
            throws Exception {
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        Map<String, ModelInfo> infos = new LinkedHashMap<>();
        Double threshold = givenThreshold;
        double classifierThreshold = givenClassifierThreshold;
        Path learningCurveUnet = null, learningCurveClassifier = null;
        if (masks instanceof MaskSource.UnetBundle u) {
            Path unet = u.folder();
            ModelInfo info = ModelBundle.readInfo(unet);
            if (threshold == null) threshold = (double) info.threshold();
            modelInfo.put("unet", describe(unet, info));
            infos.put("unet", info);
            learningCurveUnet = learningCurve(unet, info);
        } else if (masks instanceof MaskSource.InMemory m) {
            modelInfo.put("unet", Map.of("name", m.name() == null ? "in-memory" : m.name()));
        } else {
            modelInfo.put("unet", null);
        }
        if (classifier != null) {
            ModelInfo info = ModelBundle.readInfo(classifier);
            classifierThreshold = info.threshold();
            modelInfo.put("classifier", describe(classifier, info));
            infos.put("classifier", info);
            learningCurveClassifier = learningCurve(classifier, info);
        } else if (classificationModel != null) {
            modelInfo.put("classifier", Map.of("name", classificationName == null ? "in-memory" : classificationName));
        } else {
            modelInfo.put("classifier", null);
        }
        modelInfo.put(
                "predictions",
                masks instanceof MaskSource.Predictions p
                        ? p.folder().toAbsolutePath().toString()
                        : null);
        boolean model = masks != null && masks.rerunnable();
        if (model && threshold == null) threshold = 0.5;
        return new EvaluatedModels(
                threshold,
                Double.isNaN(classifierThreshold) ? null : classifierThreshold,
                modelInfo,
                infos,
                learningCurveUnet,
                learningCurveClassifier,
                masks != null,
                model);
    }

    private static Map<String, Object> describe(Path dir, ModelInfo info) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", dir.toAbsolutePath().normalize().getFileName().toString());
        m.put("path", dir.toAbsolutePath().normalize().toString());
        m.put("kind", info.kind());
        String sha = info.weightsSha256();
        if (sha == null || sha.isBlank()) sha = AtomicFiles.sha256(dir.resolve(info.weightsFile()));
        m.put("weights_sha256", sha);
        m.put("threshold", (double) info.threshold());
        m.put("created", info.created());
        return m;
    }

    private static Path learningCurve(Path dir, ModelInfo info) {
        String name = info.learningCurve() == null ? LearningCurve.FILE_NAME : info.learningCurve();
        Path csv = dir.resolve(name);
        return Files.isRegularFile(csv) ? csv : null;
    }
}
