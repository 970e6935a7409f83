package io.github.braintumor.app;

import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.InputCondition;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * "Evaluate Tumor Models" as both menus see it: dialog values (empty text = none, negative threshold = the
 * model's) turned into the one {@link EvaluationRequest}, shared by {@code fiji.command.EvaluateModelsCommand}
 * (SciJava) and {@code fiji.ij1.EvaluateModelsPlugin} (ImageJ 1).
 *
 * <pre>{@code
 * EvaluationRequest r = EvaluateModels.request("/d/kaggle_3m", "/d/eval", "/m/unet", "", -1, true, false, 20, "", "", false);
 * EvaluationResult result = r.run(ProgressListener.console(), () -> false);
 * System.out.println(EvaluateModels.summary(result));
 * }</pre>
 */
public final class EvaluateModels {
    /** Menu label and title of both twins. */
    public static final String LABEL = "Evaluate Tumor Models";

    private EvaluateModels() {}

    /** The request for these dialog values; blank paths mean "none", a threshold below 0 the model's own. */
    public static EvaluationRequest request(
            String data,
            String output,
            String unet,
            String classifier,
            double threshold,
            boolean lcc,
            boolean tta,
            int minarea,
            String patients,
            String predictions,
            boolean writethreshold) {
        return request(
                data,
                output,
                unet,
                classifier,
                threshold,
                lcc,
                tta,
                minarea,
                patients,
                predictions,
                writethreshold,
                "",
                "",
                "");
    }

    /**
     * @param modalities input conditions to compare, e.g. {@code as-is,flair-only,no-post,no-pre}; blank = none
     * @param brightness brightness factors to compare, e.g. {@code 0.4,1.6}; blank = none
     * @param storage ways of storing the same patients to compare, e.g. {@code 8bit,16bit-linear,16bit-gamma}; blank =
     *     none
     */
    public static EvaluationRequest request(
            String data,
            String output,
            String unet,
            String classifier,
            double threshold,
            boolean lcc,
            boolean tta,
            int minarea,
            String patients,
            String predictions,
            boolean writethreshold,
            String modalities,
            String brightness,
            String storage) {
        return EvaluationRequest.builder()
                .setData(path(data))
                .setOutput(path(output))
                .optUnet(path(unet))
                .optClassifier(path(classifier))
                .optThreshold(threshold < 0 || Double.isNaN(threshold) ? null : threshold)
                .optLargestComponent(lcc)
                .optTta(tta)
                .optMinimumArea(minarea)
                .optPatients(patients == null ? "" : patients.trim())
                .optPredictions(path(predictions))
                .optWriteThreshold(writethreshold)
                .optConditions(InputCondition.parse(modalities, brightness, storage))
                .build();
    }

    /** One line for the log: where the report is. */
    public static String summary(EvaluationResult result) {
        return LABEL + ": wrote "
                + result.output().resolve(EvaluationReport.REPORT).toAbsolutePath();
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Paths.get(text.trim());
    }
}
