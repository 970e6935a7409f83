package io.github.braintumor.app;

import io.github.braintumor.app.options.CommonOptions;
import io.github.braintumor.app.options.EvaluateOptions;
import io.github.braintumor.args.OptionValues;
import io.github.braintumor.eval.EvaluationReport;
import io.github.braintumor.eval.EvaluationRequest;
import io.github.braintumor.eval.EvaluationResult;
import io.github.braintumor.eval.InputCondition;

/**
 * "Evaluate Tumor Models" as every front end sees it: the values of {@link EvaluateOptions#TABLE} turned into the one
 * {@link EvaluationRequest}, shared by {@code brain-tumor evaluate}, {@code fiji.command.EvaluateModelsCommand}
 * (SciJava) and {@code fiji.ij1.EvaluateModelsPlugin} (ImageJ 1).
 *
 * <pre>{@code
 * EvaluationRequest r = EvaluateModels.request(EvaluateOptions.TABLE.fromValues(
 *         Map.of("data", "/d/kaggle_3m", "output", "/d/eval", "unet", "/m/unet", "lcc", true, "minarea", 20)::get));
 * EvaluationResult result = r.run(ProgressListener.console(), () -> false);
 * System.out.println(EvaluateModels.summary(result));
 * }</pre>
 */
public final class EvaluateModels {
    /** Menu label and title of both twins. */
    public static final String LABEL = "Evaluate Tumor Models";

    private EvaluateModels() {}

    /**
     * The request for one run's values of {@link EvaluateOptions#TABLE}, whichever front end read them: blank paths
     * mean "none", the threshold -1 the model's own.
     *
     * @throws IllegalArgumentException for a condition that is not known, naming it
     */
    public static EvaluationRequest request(OptionValues v) {
        return EvaluationRequest.builder()
                .setData(v.path(CommonOptions.DATA))
                .setOutput(v.path(CommonOptions.OUTPUT))
                .optUnet(v.path(EvaluateOptions.UNET))
                .optClassifier(v.path(EvaluateOptions.CLASSIFIER))
                .optThreshold(v.get(CommonOptions.THRESHOLD) < 0 ? null : v.get(CommonOptions.THRESHOLD))
                .optLargestComponent(v.get(EvaluateOptions.LCC))
                .optTta(v.get(EvaluateOptions.TTA))
                .optMinimumArea(v.get(EvaluateOptions.MIN_AREA))
                .optPatients(v.get(EvaluateOptions.PATIENTS).trim())
                .optPredictions(v.path(EvaluateOptions.PREDICTIONS))
                .optWriteThreshold(v.get(EvaluateOptions.WRITE_THRESHOLD))
                .optWritePostprocessing(v.get(EvaluateOptions.WRITE_POSTPROCESSING))
                .optConditions(InputCondition.parse(
                        v.get(EvaluateOptions.MODALITIES),
                        v.get(EvaluateOptions.BRIGHTNESS),
                        v.get(EvaluateOptions.STORAGE)))
                .optOverwrite(v.get(CommonOptions.OVERWRITE))
                .build();
    }

    /** One line for the log: where the report is. */
    public static String summary(EvaluationResult result) {
        return LABEL + ": wrote "
                + result.output().resolve(EvaluationReport.REPORT).toAbsolutePath();
    }
}
